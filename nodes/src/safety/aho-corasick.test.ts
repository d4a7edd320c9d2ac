import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.js';

/** A small deterministic PRNG so that the random cases are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function allMatches(automaton: AhoCorasick, patterns: readonly string[], text: string): string[] {
  const found: string[] = [];
  automaton.scan(text, (start, end, index) => {
    found.push(`${start}:${end}:${patterns[index]}`);
    return undefined;
  });
  return found.sort();
}

function bruteForce(patterns: readonly string[], text: string): string[] {
  const found = new Set<string>();
  for (const pattern of new Set(patterns)) {
    for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + 1))
      found.add(`${i}:${i + pattern.length}:${pattern}`);
  }
  return [...found].sort();
}

describe('AhoCorasick', () => {
  it('finds overlapping and nested patterns (the classic he/she/his/hers)', () => {
    const patterns = ['he', 'she', 'his', 'hers'];
    expect(allMatches(new AhoCorasick(patterns), patterns, 'ushers')).toEqual(['1:4:she', '2:4:he', '2:6:hers']);
  });

  it.each([1, 2, 3, 4, 5])('agrees with a brute-force search on random Chinese and Latin text (seed %i)', (seed) => {
    const next = random(seed);
    const alphabet = ['a', 'b', 'c', '法', '轮', '功', '傻', '逼', '😀'];
    const pick = () => alphabet[Math.floor(next() * alphabet.length)] ?? 'a';
    const patterns = Array.from({ length: 60 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 4) }, pick).join(''),
    );
    const text = Array.from({ length: 3000 }, pick).join('');
    expect(allMatches(new AhoCorasick(patterns), patterns, text)).toEqual(bruteForce(patterns, text));
  });

  it('reports the longest pattern length and stops when asked', () => {
    const automaton = new AhoCorasick(['ab', 'abcd', '']);
    expect(automaton.maxLength).toBe(4);
    let calls = 0;
    automaton.scan('ab ab ab', () => {
      calls++;
      return true;
    });
    expect(calls).toBe(1);
  });

  it('handles an empty dictionary', () => {
    expect(allMatches(new AhoCorasick([]), [], 'anything')).toEqual([]);
  });
});
