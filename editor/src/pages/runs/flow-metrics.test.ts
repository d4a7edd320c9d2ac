import { describe, expect, it } from 'vitest';
import { FlowMetricsSchema, metricsPath } from './flow-metrics.js';

describe('flow metrics from the server', () => {
  it("asks for one flow's metrics over the chosen range, or every flow's", () => {
    const now = 10_000_000_000;
    expect(metricsPath('faq bot', '1h', now)).toBe(
      `/api/metrics/flows/faq%20bot?from=${now - 3_600_000}&to=${now + 1}`,
    );
    expect(metricsPath('', '', now)).toBe(`/api/metrics/flows?from=${now - 86_400_000}&to=${now + 1}`);
  });

  it('reads the answer of GET /api/metrics/flows/:flowId', () => {
    const parsed = FlowMetricsSchema.parse({
      flowId: 'faq',
      from: 0,
      to: 3_600_000,
      bucketMs: 1_800_000,
      buckets: [
        { start: 0, runs: 2, failed: 1, errorRate: 0.5, p50: 10, p95: 20, p99: 20, tokens: 5, cost: 0 },
        { start: 1_800_000, runs: 0, failed: 0, errorRate: 0, tokens: 0, cost: 0 },
      ],
      total: { runs: 2, failed: 1, errorRate: 0.5, p50: 10, p95: 20, p99: 20, tokens: 5, cost: 0 },
      slowestNodes: [{ nodeId: 'answer', type: 'model', count: 2, p50: 8, p95: 18, max: 18 }],
      nodeSample: { runs: 2, of: 2 },
      topErrors: [{ code: 'MODEL_TIMEOUT', message: 'slow', count: 1 }],
    });
    expect(parsed.buckets[1]?.p50).toBeUndefined();
    expect(FlowMetricsSchema.safeParse({ ...parsed, buckets: 'none' }).success).toBe(false);
  });
});
