import { describe, expect, it } from 'vitest';
import { summaryOf } from './node-summary.js';

const node = (config: Record<string, unknown>) => ({ id: 'n', type: 't', config, onError: 'fail' as const });

describe('summaryOf', () => {
  it('names the model of a model node', () => {
    expect(summaryOf(node({ provider: 'openai', model: 'gpt-4o-mini', prompt: 'Hi' }))).toBe('gpt-4o-mini');
  });
  it('lists the fields of an input node', () => {
    expect(summaryOf(node({ fields: [{ name: 'question' }, { name: 'lang' }] }))).toBe('question, lang');
  });
  it('shortens long text to its first line', () => {
    expect(summaryOf(node({ template: `${'x'.repeat(80)}\nsecond` }))).toHaveLength(64);
  });
});
