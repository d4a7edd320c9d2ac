import { describe, expect, it } from 'vitest';
import { foldPattern, normalizeText } from './text-normalizer.js';

describe('normalizeText', () => {
  it.each([
    ['ＦＵＣＫ', 'fuck'],
    ['F.U.C.K', 'fuck'],
    ['f u c k you', 'fuck you'],
    ['法 轮 功', '法轮功'],
    ['法\u200b轮', '法轮'],
    ['the shift key', 'the shift key'],
    ['方法，轮到你', '方法,轮到你'],
    ['Hello,   World', 'hello, world'],
    ['法輪功與頭髮', '法轮功与头发'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it('maps every normalized character back to where it was written', () => {
    const original = 'a F.U.C.K b';
    const { text, map } = normalizeText(original);
    const start = text.indexOf('fuck');
    expect(original.slice(map[start], (map[start + 3] ?? 0) + 1)).toBe('F.U.C.K');
  });

  it('folds patterns the same way as text', () => {
    expect(foldPattern(' ＳＨＩＴ ')).toBe('shit');
  });
});
