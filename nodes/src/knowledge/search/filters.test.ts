import { describe, expect, it } from 'vitest';
import type { Filter } from '../model.js';
import { compileFilters } from './filters.js';

const chunk = { category: 'displays', price: 899, in_stock: true, updated: '2025-03-01' };

describe('compileFilters', () => {
  it('is absent without filters', () => {
    expect(compileFilters([])).toBeUndefined();
  });

  it.each([
    [{ field: 'category', op: 'eq', value: 'displays' }, true],
    [{ field: 'category', op: 'ne', value: 'displays' }, false],
    [{ field: 'price', op: 'eq', value: '899' }, true],
    [{ field: 'price', op: 'gte', value: 899 }, true],
    [{ field: 'price', op: 'lt', value: 500 }, false],
    [{ field: 'price', op: 'gt', value: '100' }, false],
    [{ field: 'updated', op: 'gte', value: '2025-01-01' }, true],
    [{ field: 'category', op: 'in', value: ['accessories', 'displays'] }, true],
    [{ field: 'category', op: 'nin', value: ['displays'] }, false],
    [{ field: 'missing', op: 'eq', value: 'x' }, false],
    [{ field: 'missing', op: 'ne', value: 'x' }, true],
    [{ field: 'in_stock', op: 'eq', value: true }, true],
    [{ field: 'document', op: 'eq', value: 'products.csv' }, true],
  ] as Array<[Filter, boolean]>)('%j → %s', (filter, expected) => {
    const predicate = compileFilters([filter]);
    expect(predicate?.(chunk, 'products.csv')).toBe(expected);
  });

  it('requires every filter to hold', () => {
    const predicate = compileFilters([
      { field: 'category', op: 'eq', value: 'displays' },
      { field: 'price', op: 'lt', value: 500 },
    ]);
    expect(predicate?.(chunk, 'p.csv')).toBe(false);
  });
});
