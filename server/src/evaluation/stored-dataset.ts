import type { Dataset } from '../storage/dataset-store.js';
import type { DatasetItem } from './dataset.js';

type StoredItem = Dataset['items'][number];

/** A stored dataset's items as the scorers read them, numbered from line 1 as `tailor eval` does. */
export function itemsForScoring(items: readonly StoredItem[]): DatasetItem[] {
  return items.map((item, index) => ({
    line: index + 1,
    inputs: item.inputs,
    ...(item.id !== undefined ? { id: item.id } : {}),
    ...(item.expected !== undefined ? { expected: item.expected } : {}),
    ...(item.facts?.length ? { facts: item.facts } : {}),
    ...(item.sources?.length ? { sources: item.sources } : {}),
  }));
}

/** Parsed items as stored (their line numbers only mattered for error messages). */
export function itemsForStorage(items: readonly DatasetItem[]): StoredItem[] {
  return items.map(({ line: _line, ...item }) => item);
}
