import type { Change, ComparedItem, EvaluationSummary } from '../../api/evaluations.js';
import { textOf } from './evaluation-format.js';

export type ChangeFilter = 'all' | Change;

export interface CompareFilter {
  change: ChangeFilter;
  /** Words to find in the item's name, inputs, expected answer or either output. */
  query: string;
}

export const ALL_ITEMS: CompareFilter = { change: 'all', query: '' };

/** How many items got better, worse or stayed the same: the counts on the filter buttons. */
export function countChanges(items: readonly ComparedItem[]): Record<ChangeFilter, number> {
  const counts: Record<ChangeFilter, number> = { all: items.length, better: 0, worse: 0, same: 0 };
  for (const item of items) counts[item.change] += 1;
  return counts;
}

/** The name an item goes by in both reports: its id, else its line in the dataset. */
export function itemLabel(item: { id?: string | undefined; line?: number | undefined }, index: number): string {
  return item.id ?? `#${item.line ?? index + 1}`;
}

function haystack(item: ComparedItem, index: number): string {
  return [
    itemLabel(item, index),
    textOf(item.inputs),
    textOf(item.expected),
    textOf(item.base?.output),
    textOf(item.candidate?.output),
  ]
    .join('\n')
    .toLowerCase();
}

/** The items to show, with their index in the full list (kept so labels stay stable while filtering). */
export function filterCompared(
  items: readonly ComparedItem[],
  filter: CompareFilter,
): { item: ComparedItem; index: number }[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => filter.change === 'all' || item.change === filter.change)
    .filter(({ item, index }) => {
      if (!words.length) return true;
      const text = haystack(item, index);
      return words.every((word) => text.includes(word));
    });
}

/** Worse first, then better, then the same: what changed is what the analyst came to see. */
export function orderByChange(rows: { item: ComparedItem; index: number }[]): { item: ComparedItem; index: number }[] {
  const rank: Record<Change, number> = { worse: 0, better: 1, same: 2 };
  return [...rows].sort((a, b) => rank[a.item.change] - rank[b.item.change] || a.index - b.index);
}

/** The two picked evaluations in time order: the older one is the base of the comparison. */
export function compareOrder(
  picked: readonly string[],
  evaluations: readonly EvaluationSummary[],
): { base: string; candidate: string } | undefined {
  const chosen = evaluations.filter((e) => picked.includes(e.id));
  if (chosen.length !== 2) return undefined;
  const [first, second] = [...chosen].sort((a, b) => Number(a.createdAt) - Number(b.createdAt));
  return first && second ? { base: first.id, candidate: second.id } : undefined;
}
