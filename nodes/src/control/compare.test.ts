import { describe, expect, it } from 'vitest';
import { compare } from './compare.js';

describe('compare', () => {
  it('compares numbers and numeric text as numbers', () => {
    expect(compare('10', 'gt', 9)).toBe(true);
    expect(compare(2, 'lte', '2')).toBe(true);
    expect(compare('10', 'eq', 10.0)).toBe(true);
  });

  it('compares other values as text, objects by JSON', () => {
    expect(compare('apple', 'lt', 'banana')).toBe(true);
    expect(compare({ a: 1 }, 'eq', { a: 1 })).toBe(true);
    expect(compare('vip', 'ne', 'VIP')).toBe(true);
  });

  it('checks containment in text, lists and object keys', () => {
    expect(compare('refund please', 'contains', 'refund')).toBe(true);
    expect(compare(['a', 2], 'contains', '2')).toBe(true);
    expect(compare({ orderId: 1 }, 'contains', 'orderId')).toBe(true);
    expect(compare(null, 'contains', 'x')).toBe(false);
  });

  it('treats null, empty text, empty lists and empty objects as empty', () => {
    for (const value of [null, undefined, '', [], {}]) expect(compare(value, 'empty', undefined)).toBe(true);
    for (const value of [0, false, ' ', [0]]) expect(compare(value, 'notEmpty', undefined)).toBe(true);
  });

  it('never orders a missing value', () => {
    expect(compare(null, 'lt', 5)).toBe(false);
    expect(compare(undefined, 'gte', 'a')).toBe(false);
  });
});
