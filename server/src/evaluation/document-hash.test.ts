import { describe, expect, it } from 'vitest';
import { documentHash } from './document-hash.js';

describe('documentHash', () => {
  it('ignores key order and undefined fields', () => {
    expect(documentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      documentHash({ b: { d: 'x', c: [1, 2], e: undefined }, a: 1 }),
    );
  });

  it('changes with any value', () => {
    expect(documentHash({ a: [1, 2] })).not.toBe(documentHash({ a: [2, 1] }));
    expect(documentHash({ a: '1' })).not.toBe(documentHash({ a: 1 }));
  });
});
