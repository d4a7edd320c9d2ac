import { describe, expect, it } from 'vitest';
import { checkKeywords } from './keywords.js';

const own = (words: string[], allowWords: string[] = []) => ({ useDefaultWords: false, words, allowWords });
const matches = (text: string, words: string[]) => checkKeywords(text, own(words)).map((f) => f.match);

describe('checkKeywords', () => {
  it('finds Chinese and English words with offsets into the original text', () => {
    const text = 'Well, FUCK this 傻逼 thing';
    const findings = checkKeywords(text, own(['fuck', '傻逼']));
    expect(findings.map((f) => [f.match, text.slice(f.start, f.end)])).toEqual([
      ['FUCK', 'FUCK'],
      ['傻逼', '傻逼'],
    ]);
  });

  it.each([
    ['f.u.c.k you', 'f.u.c.k'],
    ['f u c k', 'f u c k'],
    ['F-U-C-K!', 'F-U-C-K'],
    ['ｆｕｃｋ', 'ｆｕｃｋ'],
    ['f\u200buck', 'f\u200buck'],
    ['他在练法 轮 功', '法 轮 功'],
    ['法*轮*功', '法*轮*功'],
    ['法·轮·功', '法·轮·功'],
    ['他們在練法輪功', '法輪功'],
    ['法 輪 功', '法 輪 功'],
  ])('sees through the evasion in %s', (text, match) => {
    expect(matches(text, ['fuck', '法轮功'])).toEqual([match]);
  });

  it.each([
    'This class is a classic assessment of glasses.',
    'Scunthorpe United won.',
    'He was a fucker? No: "fuckers" is not in the list.',
    '这种方法，轮到你了',
    'I saw a shift key',
  ])('does not flag the ordinary words in: %s', (text) => {
    expect(matches(text, ['ass', 'cunt', 'fucker', '法轮', 'shit'])).toEqual(
      text.includes('a fucker?') ? ['fucker'] : [],
    );
  });

  it('names the category of each list and honours allow-words', () => {
    const findings = checkKeywords('去买冰毒吧', {
      useDefaultWords: false,
      words: ['drugs: 冰毒'],
      allowWords: [],
    });
    expect(findings[0]).toMatchObject({ check: 'keywords', type: 'drugs', match: '冰毒' });
    expect(checkKeywords('南京市长江大桥', own(['市长'], ['长江大桥']))).toEqual([]);
  });

  it('matches a word listed in traditional characters in simplified text too', () => {
    expect(matches('我不喜欢头发太长', ['頭髮'])).toEqual(['头发']);
  });

  it('uses the default list', () => {
    const found = checkKeywords('你个傻逼', { useDefaultWords: true, words: [], allowWords: [] });
    expect(found[0]).toMatchObject({ type: 'profanity', match: '傻逼' });
  });

  it('matches thousands of words in one pass', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `禁词${i.toString(36)}号`);
    const text = `开头${words[4321]}中间${words[17]}结尾`;
    expect(matches(text, words)).toEqual([words[4321], words[17]]);
  });
});
