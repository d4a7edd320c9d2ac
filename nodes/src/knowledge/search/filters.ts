import type { Filter, Metadata, MetadataValue } from '../model.js';

/**
 * Metadata filters, all of which must hold. `document` names the chunk's document; every other
 * field is looked up in the chunk's metadata. Ranges compare numbers as numbers and text as text
 * (so ISO dates work); a value of the other type never matches. A missing field fails every
 * operator except `ne` and `nin`.
 */
export type ChunkPredicate = (metadata: Metadata, document: string) => boolean;

/** One filter as a test of one field's value, so a knowledge base can run it down a column. */
export interface FieldTest {
  field: string;
  test: (value: MetadataValue | undefined) => boolean;
}

export function compileFilters(filters: readonly Filter[]): ChunkPredicate | undefined {
  if (filters.length === 0) return undefined;
  const tests = compileFieldTests(filters);
  return (metadata, document) =>
    tests.every(({ field, test }) => test(field === 'document' ? document : metadata[field]));
}

export function compileFieldTests(filters: readonly Filter[]): FieldTest[] {
  return filters.map((filter) => ({ field: filter.field, test: compileTest(filter) }));
}

function compileTest(filter: Filter): FieldTest['test'] {
  switch (filter.op) {
    case 'eq':
      return (v) => same(v, filter.value);
    case 'ne':
      return (v) => !same(v, filter.value);
    case 'in':
      return (v) => filter.value.some((expected) => same(v, expected));
    case 'nin':
      return (v) => !filter.value.some((expected) => same(v, expected));
    default:
      return (v) => inRange(v, filter.op, filter.value);
  }
}

/** Equality that forgives a number written as text ("2024" = 2024), as values from CSV headers are. */
function same(actual: MetadataValue | undefined, expected: MetadataValue): boolean {
  if (actual === undefined) return false;
  if (actual === expected) return true;
  if (typeof actual === 'number' && typeof expected === 'string')
    return expected.trim() !== '' && Number(expected) === actual;
  if (typeof actual === 'string' && typeof expected === 'number')
    return actual.trim() !== '' && Number(actual) === expected;
  return false;
}

function inRange(actual: MetadataValue | undefined, op: 'gt' | 'gte' | 'lt' | 'lte', bound: number | string): boolean {
  if (typeof actual !== typeof bound) return false;
  const a = actual as number | string;
  switch (op) {
    case 'gt':
      return a > bound;
    case 'gte':
      return a >= bound;
    case 'lt':
      return a < bound;
    default:
      return a <= bound;
  }
}
