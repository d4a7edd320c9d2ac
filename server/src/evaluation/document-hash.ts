import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same document always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((entry) => canonical(entry ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 of a flow document, key order ignored: an evaluation records the hash of what it ran,
 * and the publish gate accepts it for a draft with the same hash.
 */
export function documentHash(document: unknown): string {
  return createHash('sha256').update(canonical(document)).digest('hex');
}
