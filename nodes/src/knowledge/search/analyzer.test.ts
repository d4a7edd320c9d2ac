import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.js';

describe('analyze', () => {
  it('segments Chinese into dictionary words and drops particles', () => {
    expect(analyze('我们的退款政策')).toEqual(['我们', '退款', '政策']);
  });

  it('folds case, full-width forms and English inflections to one term', () => {
    expect(analyze('Refunds REFUNDED refunding')).toEqual(['refund', 'refund', 'refund']);
    expect(analyze('ＡＢＣ１２３')).toEqual(['abc123']);
  });

  it('drops English stop words and keeps numbers', () => {
    expect(analyze('What is the price of the 27-inch monitor?')).toEqual(['price', '27', 'inch', 'monitor']);
  });

  it('handles mixed Chinese and English text', () => {
    expect(analyze('支持USB-C接口')).toEqual(['支持', 'usb', 'c', '接口']);
  });
});
