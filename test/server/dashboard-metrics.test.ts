import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer } from './harness.js';

interface Totals {
  runs: number;
  failed: number;
  errorRate: number;
  p50?: number;
  p95?: number;
  p99?: number;
  tokens: number;
  cost: number;
}
interface Metrics {
  flowId: string | null;
  from: number;
  to: number;
  bucketMs: number;
  buckets: Array<Totals & { start: number }>;
  total: Totals;
  slowestNodes: Array<{ nodeId: string; type: string; count: number; p50: number; p95: number; max: number }>;
  nodeSample: { runs: number; of: number };
  topErrors: Array<{ code: string; message: string; count: number }>;
}

const failingFlow = {
  schema: 'tailor.flow/v1',
  id: 'fails',
  name: 'Fails',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [] } },
    { id: 'charge', type: 'code', config: { inputs: {}, code: "throw new Error('card declined')" } },
    { id: 'end', type: 'output', config: { value: '{{ charge }}' } },
  ],
  edges: [
    { from: 'start', to: 'charge' },
    { from: 'charge', to: 'end' },
  ],
};

let t: TestServer;
let startedAt: number;

async function run(flowId: string, inputs: Record<string, unknown>) {
  const started = await t.admin.post<{ runId: string }>(`/api/flows/${flowId}/runs`, { inputs });
  return t.admin.waitForRun(started.body.runId);
}

beforeAll(async () => {
  t = await startTestServer();
  await t.admin.post('/api/flows', echoFlow('echo'));
  await t.admin.post('/api/flows', failingFlow);
  startedAt = Date.now();
  for (const message of ['one', 'two', 'three']) expect((await run('echo', { message })).status).toBe('succeeded');
  for (let i = 0; i < 2; i++) expect((await run('fails', {})).status).toBe('failed');
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

describe('GET /api/metrics/flows/:flowId', () => {
  it("computes a flow's buckets, percentiles and slowest nodes in the store", async () => {
    const from = startedAt - 60_000;
    const to = Date.now() + 60_000;
    const reply = await t.admin.get<Metrics>(`/api/metrics/flows/echo?from=${from}&to=${to}&bucket=60000`);
    expect(reply.status).toBe(200);
    const metrics = reply.body;
    expect(metrics).toMatchObject({ flowId: 'echo', from, to, bucketMs: 60_000 });
    expect(metrics.buckets).toHaveLength(Math.ceil((to - from) / 60_000));
    expect(metrics.buckets.reduce((sum, bucket) => sum + bucket.runs, 0)).toBe(3);
    expect(metrics.total).toMatchObject({ runs: 3, failed: 0, errorRate: 0 });
    expect(metrics.total.p50).toBeGreaterThan(0);
    expect(metrics.total.p95).toBeGreaterThanOrEqual(metrics.total.p50 ?? 0);
    expect(metrics.slowestNodes.map((node) => node.nodeId).sort()).toEqual(['answer', 'end', 'shout', 'start']);
    expect(metrics.slowestNodes.every((node) => node.count === 3)).toBe(true);
    expect(metrics.nodeSample).toEqual({ runs: 3, of: 3 });
    expect(metrics.topErrors).toEqual([]);
  });

  it('groups errors by code and message', async () => {
    const reply = await t.admin.get<Metrics>(`/api/metrics/flows/fails?from=${startedAt - 60_000}`);
    expect(reply.body.total).toMatchObject({ runs: 2, failed: 2, errorRate: 1 });
    expect(reply.body.topErrors).toHaveLength(1);
    expect(reply.body.topErrors[0]?.count).toBe(2);
    expect(reply.body.topErrors[0]?.message).toContain('card declined');
  });

  it('aggregates all flows, defaults to the last 24 hours, and refuses bad ranges', async () => {
    const all = await t.admin.get<Metrics>('/api/metrics/flows');
    expect(all.body.flowId).toBeNull();
    expect(all.body.to - all.body.from).toBe(86_400_000);
    expect(all.body.total).toMatchObject({ runs: 5, failed: 2 });
    expect(all.body.total.errorRate).toBeCloseTo(0.4);
    expect(all.body.buckets.length).toBeLessThanOrEqual(25);
    expect((await t.admin.get('/api/metrics/flows?bucket=10')).status).toBe(400);
    expect((await t.admin.get('/api/metrics/flows?from=abc')).status).toBe(400);
    expect((await fetch(`${t.url}/api/metrics/flows`)).status).toBe(401);
  });
});
