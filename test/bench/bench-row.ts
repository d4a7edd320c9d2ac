/** One line of `npm run bench`: a measured number beside its floor (what it is compared with) and goal. */
export interface BenchRow {
  area: string;
  metric: string;
  value: number;
  unit: string;
  /** The same work done without Tailor (a bare call), when there is one. */
  floor?: number;
  /** The target, as text ("< 5 µs"). */
  goal?: string;
}

/** A benchmark area, listed in test/bench/main.ts; each runs in the same process, one after another. */
export interface BenchArea {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1));
  return sortedAscending[index] ?? Number.NaN;
}
