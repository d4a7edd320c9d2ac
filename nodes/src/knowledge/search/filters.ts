import type { Filter, Metadata, MetadataValue } from '../model.js';

/**
 * Metadata filters, all of which must hold. `document` names the chunk's document; every other
 * field is looked up in the chunk's metadata. Ranges compare numbers as numbers and text as text
 * (so ISO dates work); a value of the other type never matches. A missing field fails every
 * operator except `ne` and `nin`.
 */
export type ChunkPredicate = (metadata: Metadata, document: string) => boolean;

export function compileFilters(filters: readonly Filter[]): ChunkPredicate | undefined {
  if (filters.length === 0) return undefined;
  const tests = filters.map(compileFilter);
  return (metadata, document) => tests.every((test) => test(metadata, document));
}

function compileFilter(filter: Filter): ChunkPredicate {
  const read = (metadata: Metadata, document: string): MetadataValue | undefined =>
    filter.field === 'document' ? document : metadata[filter.field];
  switch (filter.op) {
    case 'eq':
      return (m, d) => same(read(m, d), filter.value);
    case 'ne':
      return (m, d) => !same(read(m, d), filter.value);
    case 'in':
      return (m, d) => filter.value.some((v) => same(read(m, d), v));
    case 'nin':
      return (m, d) => !filter.value.some((v) => same(read(m, d), v));
    default:
      return (m, d) => inRange(read(m, d), filter.op, filter.value);
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
