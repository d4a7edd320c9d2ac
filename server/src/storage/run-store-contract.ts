import type { NodeRecord } from '@tailor/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveMetricsRange } from './run-metrics.js';
import type { StoredRun } from './run-store.js';
import type { Storage } from './storage.js';

const DAY = 86_400_000;

/** A finished run as the recorder stores it in one piece. */
export function storedRun(id: string, startedAt: number, extra: Partial<StoredRun> = {}): StoredRun {
  const durationMs = extra.durationMs ?? 100;
  const nodes: NodeRecord[] = [
    { nodeId: 'start', type: 'input', status: 'succeeded', attempts: 1, logs: [], startedAt, durationMs: 1 },
    {
      nodeId: 'answer',
      type: 'model',
      status: 'succeeded',
      attempts: 1,
      logs: [],
      startedAt: startedAt + 1,
      durationMs: durationMs - 2,
    },
  ];
  return {
    schema: 'tailor.run/v1',
    id,
    flowId: 'faq',
    status: 'succeeded',
    source: 'api',
    inputs: { question: `parcel ${id}` },
    output: `answer ${id}`,
    startedAt,
    endedAt: startedAt + durationMs,
    durationMs,
    nodes,
    ...extra,
  };
}

/**
 * Run-store behaviour beyond recording and listing (retention, aggregation), the same for SQLite
 * and MongoDB: `storage-contract.ts` style, run from each store's test file.
 */
export function describeRunStoreContract(name: string, open: () => Promise<Storage>): void {
  describe(`run store contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });

    describe('retention', () => {
      it('deletes ended runs that started before the cut-off, oldest first, in batches of the size asked', async () => {
        const now = 100 * DAY;
        const old = Array.from({ length: 7 }, (_, i) => storedRun(`old-${i}`, now - 40 * DAY + i));
        const running = { ...storedRun('old-running', now - 40 * DAY - 1), status: 'running' as const };
        const recent = [storedRun('new-1', now - 2 * DAY), storedRun('new-2', now - DAY)];
        await storage.runs.write([...old, running, ...recent].map((run) => ({ kind: 'whole' as const, run })));

        const cutoff = now - 30 * DAY;
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(3);
        expect(await storage.runs.get('old-0')).toBeUndefined();
        expect(await storage.runs.get('old-3')).toBeDefined();
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(3);
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(1);
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(0);

        const left = await storage.runs.list({ limit: 50 });
        expect(left.runs.map((run) => run.id).sort()).toEqual(['new-1', 'new-2', 'old-running']);
        // The node records go with their run, and so does its search text.
        expect((await storage.runs.get('new-1'))?.nodes).toHaveLength(2);
        expect((await storage.runs.list({ limit: 50, q: 'parcel old-' })).runs.map((run) => run.id)).toEqual([
          'old-running',
        ]);
        expect((await storage.runs.list({ limit: 50, q: 'parcel new-2' })).runs.map((run) => run.id)).toEqual([
          'new-2',
        ]);
      });
    });

    describe('metrics', () => {
      const H = 3_600_000;
      const T = 1_000 * H;
      const usage = { input: 10, output: 5, cost: 0.01 };
      beforeEach(async () => {
        const runs: StoredRun[] = [
          storedRun('a1', T + 1, { durationMs: 100, usage }),
          storedRun('a2', T + 2, { durationMs: 300, usage }),
          storedRun('a3', T + 3, { durationMs: 200, usage }),
          storedRun('b1', T + H + 1, {
            durationMs: 1000,
            status: 'failed',
            error: { code: 'MODEL_ERROR', message: 'quota' },
          }),
          storedRun('b2', T + H + 2, { durationMs: 50, status: 'cancelled' }),
          storedRun('d1', T + 3 * H, {
            durationMs: 400,
            status: 'interrupted',
            error: { code: 'INTERRUPTED', message: 'x' },
          }),
          storedRun('other', T + 5, { flowId: 'other', durationMs: 5000 }),
          storedRun('before', T - 1, { durationMs: 9000 }),
        ];
        await storage.runs.write([
          ...runs.map((run) => ({ kind: 'whole' as const, run })),
          {
            kind: 'start',
            run: {
              schema: 'tailor.run/v1',
              id: 'd2',
              flowId: 'faq',
              source: 'api',
              inputs: {},
              startedAt: T + 3 * H + 5,
            },
          },
        ]);
      });

      it('counts runs, errors, tokens and cost per bucket, with nearest-rank latency percentiles', async () => {
        const range = resolveMetricsRange({ from: T, to: T + 4 * H, bucket: H }, 'faq', 0);
        const metrics = await storage.runs.metrics(range);
        expect(metrics).toMatchObject({ flowId: 'faq', from: T, to: T + 4 * H, bucketMs: H });
        expect(metrics.buckets).toHaveLength(4);
        const [b0, b1, b2, b3] = metrics.buckets;
        expect(b0).toMatchObject({
          start: T,
          runs: 3,
          failed: 0,
          errorRate: 0,
          p50: 200,
          p95: 300,
          p99: 300,
          tokens: 45,
        });
        expect(b0?.cost).toBeCloseTo(0.03);
        expect(b1).toMatchObject({ start: T + H, runs: 2, failed: 1, errorRate: 0.5, p50: 50, p95: 1000 });
        expect(b2).toEqual({ start: T + 2 * H, runs: 0, failed: 0, errorRate: 0, tokens: 0, cost: 0 });
        expect(b3).toMatchObject({ runs: 2, failed: 1, errorRate: 1, p50: 400 });
        expect(metrics.total).toMatchObject({ runs: 7, failed: 2, p50: 200, p95: 1000, p99: 1000, tokens: 45 });
        expect(metrics.total.errorRate).toBeCloseTo(2 / 6);
        expect(metrics.topErrors).toEqual([
          { code: 'INTERRUPTED', message: 'x', count: 1 },
          { code: 'MODEL_ERROR', message: 'quota', count: 1 },
        ]);
        expect(metrics.slowestNodes.map((node) => [node.nodeId, node.type, node.count, node.p95, node.max])).toEqual([
          ['answer', 'model', 6, 998, 998],
          ['start', 'input', 6, 1, 1],
        ]);
        expect(metrics.nodeSample).toEqual({ runs: 6, of: 6 });
      });

      it('aggregates every flow when no flow is named', async () => {
        const metrics = await storage.runs.metrics(
          resolveMetricsRange({ from: T, to: T + 4 * H, bucket: H }, undefined, 0),
        );
        expect(metrics.flowId).toBeNull();
        expect(metrics.total.runs).toBe(8);
        expect(metrics.buckets[0]).toMatchObject({ runs: 4, p99: 5000 });
        expect(metrics.slowestNodes[0]).toMatchObject({ nodeId: 'answer', max: 4998 });
      });
    });
  });
}
