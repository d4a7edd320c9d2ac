import { z } from 'zod';

/** `GET /api/metrics/flows[/:flowId]?from&to&bucket`: a time range cut into buckets. */
export const RunMetricsQuerySchema = z.object({
  /** Epoch ms, inclusive; default: 24 hours before `to`. */
  from: z.coerce.number().int().min(0).optional(),
  /** Epoch ms, exclusive; default: now. */
  to: z.coerce.number().int().min(0).optional(),
  /** Bucket width in ms; default: the range in about 24 buckets. */
  bucket: z.coerce.number().int().min(1_000).optional(),
});

export const MetricsTotalsSchema = z.object({
  runs: z.number().int(),
  /** Failed or interrupted (cancelled runs are not errors). */
  failed: z.number().int(),
  /** Of the runs that ended, 0..1. */
  errorRate: z.number(),
  p50: z.number().optional(),
  p95: z.number().optional(),
  p99: z.number().optional(),
  /** Input plus output tokens. */
  tokens: z.number(),
  cost: z.number(),
});
export type MetricsTotals = z.output<typeof MetricsTotalsSchema>;

export const RunMetricsSchema = z.object({
  flowId: z.string().nullable(),
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  buckets: z.array(MetricsTotalsSchema.extend({ start: z.number() })),
  total: MetricsTotalsSchema,
  /** Nodes by their p95 duration, slowest first. */
  slowestNodes: z.array(
    z.object({
      nodeId: z.string(),
      type: z.string(),
      count: z.number().int(),
      p50: z.number(),
      p95: z.number(),
      max: z.number(),
    }),
  ),
  /** How many of the range's ended runs the node figures come from (the newest ones), of how many. */
  nodeSample: z.object({ runs: z.number().int(), of: z.number().int() }),
  /** Run errors by code and message, most frequent first. */
  topErrors: z.array(z.object({ code: z.string(), message: z.string(), count: z.number().int() })),
});
export type RunMetrics = z.output<typeof RunMetricsSchema>;

/** A resolved query: every bound known, the bucket width chosen. */
export interface RunMetricsRange {
  flowId?: string;
  from: number;
  to: number;
  bucketMs: number;
}

const DAY_MS = 86_400_000;
/** Node percentiles come from the newest ended runs of the range: node records live inside each run's row. */
export const NODE_SAMPLE_RUNS = 2_000;
export const TOP_ERRORS = 10;
export const SLOWEST_NODES = 10;
const MAX_BUCKETS = 500;
const NICE_BUCKETS = [
  60_000,
  300_000,
  900_000,
  1_800_000,
  3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  DAY_MS,
];

/** Defaults and limits: 24 hours up to now, about 24 buckets of a round width, never more than 500. */
export function resolveMetricsRange(
  query: z.output<typeof RunMetricsQuerySchema>,
  flowId: string | undefined,
  now: number,
): RunMetricsRange {
  const to = query.to ?? now;
  const from = Math.min(query.from ?? to - DAY_MS, to - 1);
  const span = to - from;
  const wanted =
    query.bucket ?? NICE_BUCKETS.find((width) => span / width <= 24) ?? Math.ceil(span / 24 / DAY_MS) * DAY_MS;
  const bucketMs = Math.max(wanted, Math.ceil(span / MAX_BUCKETS));
  return { ...(flowId !== undefined ? { flowId } : {}), from, to, bucketMs };
}

/** Nearest-rank percentile of ascending values (the same rule the editor used). */
export function percentileOf(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/** Bucket and total figures from per-bucket counts and per-bucket percentiles. */
export function assembleMetrics(
  range: RunMetricsRange,
  rows: ReadonlyArray<{
    bucket: number;
    runs: number;
    failed: number;
    ended: number;
    tokens: number;
    cost: number;
    p50?: number;
    p95?: number;
    p99?: number;
  }>,
  total: { p50?: number; p95?: number; p99?: number },
  rest: Pick<RunMetrics, 'slowestNodes' | 'nodeSample' | 'topErrors'>,
): RunMetrics {
  const count = Math.ceil((range.to - range.from) / range.bucketMs);
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const figures = (row: (typeof rows)[number] | undefined): MetricsTotals => ({
    runs: row?.runs ?? 0,
    failed: row?.failed ?? 0,
    errorRate: row && row.ended > 0 ? row.failed / row.ended : 0,
    ...(row?.p50 !== undefined ? { p50: row.p50 } : {}),
    ...(row?.p95 !== undefined ? { p95: row.p95 } : {}),
    ...(row?.p99 !== undefined ? { p99: row.p99 } : {}),
    tokens: row?.tokens ?? 0,
    cost: row?.cost ?? 0,
  });
  const sum = rows.reduce(
    (acc, row) => ({
      bucket: 0,
      runs: acc.runs + row.runs,
      failed: acc.failed + row.failed,
      ended: acc.ended + row.ended,
      tokens: acc.tokens + row.tokens,
      cost: acc.cost + row.cost,
    }),
    { bucket: 0, runs: 0, failed: 0, ended: 0, tokens: 0, cost: 0 },
  );
  return {
    flowId: range.flowId ?? null,
    from: range.from,
    to: range.to,
    bucketMs: range.bucketMs,
    buckets: Array.from({ length: count }, (_, index) => ({
      start: range.from + index * range.bucketMs,
      ...figures(byBucket.get(index)),
    })),
    total: figures({ ...sum, ...total }),
    ...rest,
  };
}

/** Node durations (grouped, ascending within a group) → the slowest nodes by p95. */
export function slowestNodes(
  durations: ReadonlyArray<{ nodeId: string; type: string; durations: number[] }>,
): RunMetrics['slowestNodes'] {
  return durations
    .map(({ nodeId, type, durations: sorted }) => ({
      nodeId,
      type,
      count: sorted.length,
      p50: percentileOf(sorted, 50) ?? 0,
      p95: percentileOf(sorted, 95) ?? 0,
      max: sorted.at(-1) ?? 0,
    }))
    .sort((a, b) => b.p95 - a.p95 || b.max - a.max)
    .slice(0, SLOWEST_NODES);
}
