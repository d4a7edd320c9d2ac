import { describe, expect, it } from 'vitest';
import { pickLanguage, stringsFor } from './i18n.js';

describe('pickLanguage', () => {
  it('takes the first language given: attribute, then settings, then page, then browser', () => {
    expect(pickLanguage(null, undefined, 'zh-CN', 'en-US')).toBe('zh');
    expect(pickLanguage('en', 'zh', 'zh-CN')).toBe('en');
    expect(pickLanguage('', undefined, '', 'zh-Hant-TW')).toBe('zh');
  });

  it('falls back to English', () => {
    expect(pickLanguage(undefined, null, 'fr')).toBe('en');
    expect(pickLanguage()).toBe('en');
  });
});

describe('stringsFor', () => {
  it('has every English sentence in Chinese too', () => {
    const en = stringsFor('en');
    const zh = stringsFor('zh');
    expect(Object.keys(zh)).toEqual(Object.keys(en));
    expect(zh.retrying(3)).toBe('网络连接中断，3 秒后重试…');
  });
});
