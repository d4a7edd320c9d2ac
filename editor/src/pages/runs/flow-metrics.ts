import { z } from 'zod';
import { request } from '../../api/client.js';
import { TIME_RANGES, type TimeRange } from './run-filters.js';

const TotalsSchema = z.object({
  runs: z.number(),
  failed: z.number(),
  /** 0..1, of the runs that ended. */
  errorRate: z.number(),
  p50: z.number().optional(),
  p95: z.number().optional(),
  p99: z.number().optional(),
  tokens: z.number(),
  cost: z.number(),
});
export type MetricsTotals = z.output<typeof TotalsSchema>;

/** `GET /api/metrics/flows[/:flowId]`: computed by the server's store over the whole range. */
export const FlowMetricsSchema = z.object({
  flowId: z.string().nullable(),
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  buckets: z.array(TotalsSchema.extend({ start: z.number() })),
  total: TotalsSchema,
  slowestNodes: z.array(
    z.object({
      nodeId: z.string(),
      type: z.string(),
      count: z.number(),
      p50: z.number(),
      p95: z.number(),
      max: z.number(),
    }),
  ),
  nodeSample: z.object({ runs: z.number(), of: z.number() }),
  topErrors: z.array(z.object({ code: z.string(), message: z.string(), count: z.number() })),
});
export type FlowMetrics = z.output<typeof FlowMetricsSchema>;

/** About 24 buckets of a round width, as the server would choose; one flow, or every flow when empty. */
export function metricsPath(flowId: string, range: TimeRange, now: number): string {
  const span = TIME_RANGES[range || '24h'];
  const query = new URLSearchParams({ from: String(now - span), to: String(now + 1) });
  return flowId ? `/api/metrics/flows/${encodeURIComponent(flowId)}?${query}` : `/api/metrics/flows?${query}`;
}

export const metricsApi = {
  get: (flowId: string, range: TimeRange, now: number, signal?: AbortSignal) =>
    request(FlowMetricsSchema, metricsPath(flowId, range, now), signal ? { signal } : {}),
};
