import type { RunSummary } from './runs-api.js';

export interface MetricsBucket {
  start: number;
  runs: number;
  failed: number;
  /** 0..1, of the runs that ended. */
  errorRate: number;
  p50?: number;
  p95?: number;
  p99?: number;
  tokens: number;
  cost: number;
}

export interface FlowMetrics {
  from: number;
  to: number;
  bucketMs: number;
  buckets: MetricsBucket[];
  total: Omit<MetricsBucket, 'start'>;
  /** Error codes by how often runs ended with them, most frequent first. */
  topErrors: { code: string; message: string; count: number }[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

function summarise(runs: readonly RunSummary[]): Omit<MetricsBucket, 'start'> {
  const ended = runs.filter((r) => r.status !== 'running');
  const failed = ended.filter((r) => r.status === 'failed' || r.status === 'interrupted').length;
  const durations = ended
    .map((r) => r.durationMs)
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  let tokens = 0;
  let cost = 0;
  for (const run of runs) {
    tokens += (run.usage?.input ?? 0) + (run.usage?.output ?? 0);
    cost += run.usage?.cost ?? 0;
  }
  const p50 = percentile(durations, 50);
  const p95 = percentile(durations, 95);
  const p99 = percentile(durations, 99);
  return {
    runs: runs.length,
    failed,
    errorRate: ended.length === 0 ? 0 : failed / ended.length,
    ...(p50 !== undefined ? { p50 } : {}),
    ...(p95 !== undefined ? { p95 } : {}),
    ...(p99 !== undefined ? { p99 } : {}),
    tokens,
    cost,
  };
}

function topErrors(runs: readonly RunSummary[]): FlowMetrics['topErrors'] {
  const counts = new Map<string, { code: string; message: string; count: number }>();
  for (const run of runs) {
    if (!run.error) continue;
    const entry = counts.get(run.error.code) ?? { code: run.error.code, message: run.error.message, count: 0 };
    entry.count += 1;
    counts.set(run.error.code, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 5);
}

/**
 * Runs, error rate, latency percentiles and tokens per time bucket between `from` and `to`.
 * Cancelled runs count as runs but not as errors; interrupted ones (a crash) do.
 */
export function aggregateMetrics(
  runs: readonly RunSummary[],
  from: number,
  to: number,
  bucketCount: number,
): FlowMetrics {
  const span = Math.max(to - from, 1);
  const bucketMs = Math.ceil(span / Math.max(bucketCount, 1));
  const groups: RunSummary[][] = Array.from({ length: Math.ceil(span / bucketMs) }, () => []);
  const inRange = runs.filter((r) => r.startedAt >= from && r.startedAt < to);
  for (const run of inRange)
    groups[Math.min(Math.floor((run.startedAt - from) / bucketMs), groups.length - 1)]?.push(run);
  return {
    from,
    to,
    bucketMs,
    buckets: groups.map((group, index) => ({ start: from + index * bucketMs, ...summarise(group) })),
    total: summarise(inRange),
    topErrors: topErrors(inRange),
  };
}
