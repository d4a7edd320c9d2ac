import { describe, expect, it } from 'vitest';
import { aggregateMetrics, percentile } from './flow-metrics.js';
import type { RunSummary } from './runs-api.js';

function run(id: string, startedAt: number, status: RunSummary['status'], durationMs?: number, tokens = 0): RunSummary {
  return {
    id,
    flowId: 'faq',
    status,
    startedAt,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(tokens ? { usage: { input: tokens, output: 0, cost: tokens / 1000 } } : {}),
    ...(status === 'failed' ? { error: { code: 'MODEL_TIMEOUT', message: 'slow' } } : {}),
  };
}

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('aggregateMetrics', () => {
  const runs = [
    run('a', 0, 'succeeded', 100, 10),
    run('b', 10, 'failed', 300, 5),
    run('c', 60, 'succeeded', 200),
    run('d', 70, 'running'),
    run('e', 80, 'cancelled', 50),
    run('old', -5, 'failed', 1),
  ];

  it('buckets runs by start time and ignores runs outside the range', () => {
    const metrics = aggregateMetrics(runs, 0, 100, 2);
    expect(metrics.buckets.map((b) => [b.start, b.runs])).toEqual([
      [0, 2],
      [50, 3],
    ]);
    expect(metrics.total.runs).toBe(5);
  });

  it('counts failures among ended runs only, and cancelled runs as not failed', () => {
    const [first, second] = aggregateMetrics(runs, 0, 100, 2).buckets;
    expect(first?.errorRate).toBe(0.5);
    expect(second?.errorRate).toBe(0);
  });

  it('computes latency percentiles, tokens and cost', () => {
    const { total } = aggregateMetrics(runs, 0, 100, 1);
    expect([total.p50, total.p95]).toEqual([100, 300]);
    expect(total.tokens).toBe(15);
    expect(total.cost).toBeCloseTo(0.015);
  });

  it('lists the most frequent errors', () => {
    expect(aggregateMetrics(runs, -10, 100, 1).topErrors).toEqual([
      { code: 'MODEL_TIMEOUT', message: 'slow', count: 2 },
    ]);
  });
});
