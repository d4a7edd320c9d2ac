/** The usual RRF constant: damps the difference between the first few ranks. */
export const RRF_K = 60;

export interface RankedList {
  hits: ReadonlyArray<{ id: number; score: number }>;
  weight: number;
}

export interface FusedHit {
  id: number;
  /** Weighted RRF, divided by its maximum (first in every list) so it reads 0–1. */
  fused: number;
  ranks: Array<{ rank: number; score: number } | null>;
}

/**
 * Weighted reciprocal-rank fusion: Σ weight / (60 + rank). Ranks, not scores, are combined, so
 * BM25's unbounded scores and cosine similarities need no common scale.
 */
export function fuseRanks(lists: readonly RankedList[]): FusedHit[] {
  const byId = new Map<number, FusedHit>();
  const maximum = lists.reduce((sum, list) => sum + list.weight / (RRF_K + 1), 0);
  lists.forEach((list, listIndex) => {
    list.hits.forEach((hit, i) => {
      let fused = byId.get(hit.id);
      if (!fused) {
        fused = { id: hit.id, fused: 0, ranks: lists.map(() => null) };
        byId.set(hit.id, fused);
      }
      fused.ranks[listIndex] = { rank: i + 1, score: hit.score };
      fused.fused += list.weight / (RRF_K + i + 1);
    });
  });
  const hits = [...byId.values()];
  for (const hit of hits) hit.fused = maximum > 0 ? hit.fused / maximum : 0;
  return hits.sort((a, b) => b.fused - a.fused || bestRank(a) - bestRank(b) || a.id - b.id);
}

function bestRank(hit: FusedHit): number {
  return Math.min(...hit.ranks.map((r) => r?.rank ?? Number.POSITIVE_INFINITY));
}
