import { createSqliteStorage, RunTraceExporter, spanIdOf, traceIdOf } from '@tailor/server';
import { type OtlpCollector, startOtlpCollector } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer } from './harness.js';

function parentFlow(id: string, child: string) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: 'Calls another flow',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
      { id: 'call', type: 'subflow', config: { flow: child, inputs: { message: '{{ start.message }}!' } } },
      { id: 'end', type: 'output', config: { value: { text: 'Parent heard: {{ call.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 'call' },
      { from: 'call', to: 'end' },
    ],
  };
}

async function publishedRun(t: TestServer, key: string, flowId: string, message: string) {
  const reply = await fetch(`${t.url}/v1/flows/${flowId}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: { message } }),
  });
  return (await reply.json()) as { runId: string; status: string };
}

async function serverWithFlows(env: Record<string, string>) {
  const t = await startTestServer({ TAILOR_RATE_LIMIT_KEY: '6000', ...env });
  await t.admin.post('/api/flows', echoFlow('child'));
  await t.admin.post('/api/flows/child/versions', { note: 'live' });
  await t.admin.post('/api/flows', parentFlow('parent', 'child'));
  await t.admin.post('/api/flows/parent/versions', { note: 'live' });
  const key = (await t.admin.post<{ key: string }>('/api/keys', { flowId: 'parent' })).body.key;
  return { t, key };
}

describe('OpenTelemetry export of finished runs (OTLP/HTTP JSON)', () => {
  let collector: OtlpCollector;
  let t: TestServer;
  let key: string;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    ({ t, key } = await serverWithFlows({
      TAILOR_OTLP_ENDPOINT: collector.endpoint,
      TAILOR_OTLP_HEADERS: 'Authorization=Bearer collector-token,x-scope=tenant%201',
    }));
  });
  afterAll(async () => {
    await t.close();
    await collector.close();
    removeDir(t.dataDir);
  });

  it('sends a run, its nodes and its sub-flow run as one trace: run → nodes, subflow node → child run → its nodes', async () => {
    const run = await publishedRun(t, key, 'parent', 'zebra-canary-42');
    expect(run.status).toBe('succeeded');
    const traceId = traceIdOf(run.runId);
    // parent run + 3 nodes, child run + 4 nodes
    const spans = await collector.waitForSpans(9, (span) => span.traceId === traceId);
    expect(spans).toHaveLength(9);
    const byName = (name: string) => spans.filter((span) => span.name === name);

    const [root] = byName('run Calls another flow');
    expect(root).toMatchObject({ spanId: spanIdOf(run.runId), statusCode: 1 });
    expect(root?.parentSpanId).toBeUndefined();
    expect(root?.attributes).toMatchObject({
      'tailor.run.id': run.runId,
      'tailor.flow.id': 'parent',
      'tailor.flow.version': 1,
      'tailor.run.status': 'succeeded',
      'tailor.run.source': 'api',
    });
    expect(root?.resource['service.name']).toBe('tailor');

    const parentNodes = spans.filter((span) => span.parentSpanId === root?.spanId);
    expect(parentNodes.map((span) => span.attributes['tailor.node.id']).sort()).toEqual(['call', 'end', 'start']);
    const call = parentNodes.find((span) => span.attributes['tailor.node.id'] === 'call');
    expect(call?.attributes).toMatchObject({ 'tailor.node.type': 'subflow', 'tailor.node.status': 'succeeded' });

    const [childRun] = byName('run Echo');
    expect(childRun?.parentSpanId).toBe(call?.spanId);
    expect(childRun?.attributes).toMatchObject({ 'tailor.flow.id': 'child', 'tailor.run.source': 'subflow' });
    const childNodes = spans.filter((span) => span.parentSpanId === childRun?.spanId);
    expect(childNodes.map((span) => span.name).sort()).toEqual([
      'input start',
      'output end',
      'template shout',
      'test-stream answer',
    ]);

    // Times from the run record: every node inside its run, the child run inside the calling node.
    for (const span of parentNodes) {
      expect(span.startMs).toBeGreaterThanOrEqual(root?.startMs ?? Number.NaN);
      expect(span.endMs).toBeLessThanOrEqual(root?.endMs ?? Number.NaN);
    }
    expect(childRun?.startMs).toBeGreaterThanOrEqual(call?.startMs ?? Number.NaN);
    // The child's end is stamped once its record is complete, a few ticks after the calling node
    // already had its answer (run.end): allow those milliseconds.
    expect(childRun?.endMs).toBeLessThanOrEqual((call?.endMs ?? Number.NaN) + 50);

    // The configured headers reach the collector; inputs and outputs stay home by default.
    expect(collector.requests[0]?.headers.authorization).toBe('Bearer collector-token');
    expect(collector.requests[0]?.headers['x-scope']).toBe('tenant 1');
    expect(JSON.stringify(spans)).not.toContain('zebra-canary-42');
  });

  it('exports inputs and outputs, truncated, only when TAILOR_OTLP_CONTENT is on', async () => {
    const loud = await serverWithFlows({ TAILOR_OTLP_ENDPOINT: collector.endpoint, TAILOR_OTLP_CONTENT: 'true' });
    try {
      const run = await publishedRun(loud.t, loud.key, 'parent', 'zebra-canary-43');
      const spans = await collector.waitForSpans(9, (span) => span.traceId === traceIdOf(run.runId));
      const root = spans.find((span) => span.spanId === spanIdOf(run.runId));
      expect(root?.attributes['input.value']).toBe('{"message":"zebra-canary-43"}');
      expect(root?.attributes['output.value']).toContain('Parent heard: You said: zebra-canary-43!');
    } finally {
      await loud.t.close();
      removeDir(loud.t.dataDir);
    }
  });
});

describe('a collector that is down', () => {
  it('neither fails nor holds up runs: they all succeed, and the failed exports are counted', async () => {
    const gone = await startOtlpCollector();
    await gone.close(); // nothing listens on its port any more
    const { t, key } = await serverWithFlows({ TAILOR_OTLP_ENDPOINT: gone.endpoint });
    try {
      const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => publishedRun(t, key, 'parent', `m${i}`)));
      expect(runs.map((run) => run.status)).toEqual(Array(20).fill('succeeded'));
      const exporter = t.server.context.telemetry;
      expect(exporter).toBeDefined();
      while ((exporter?.stats().failedRequests ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(exporter?.stats()).toMatchObject({ exportedRuns: 0 });
      const text = await (await fetch(`${t.url}/metrics`, { headers: { cookie: t.admin.cookie } })).text();
      expect(text).toMatch(/tailor_otlp_failed_requests [1-9]/);
      expect(text).toContain('tailor_otlp_runs{state="exported"} 0');
      const listed = await t.admin.get<{ runs: Array<{ status: string }> }>('/api/runs?flowId=parent');
      expect(listed.body.runs.filter((run) => run.status === 'succeeded')).toHaveLength(20);
    } finally {
      await t.close();
      removeDir(t.dataDir);
    }
  });

  it('keeps a bounded queue while the collector hangs: adding never waits, the overflow is dropped and counted', async () => {
    const hanging = await startOtlpCollector();
    hanging.mode = 'hang';
    const storage = createSqliteStorage(':memory:');
    const exporter = new RunTraceExporter(
      { tracesUrl: `${hanging.endpoint}/v1/traces`, headers: {}, content: false, serviceName: 'tailor' },
      storage,
      { maxQueuedRuns: 10, maxRunsPerRequest: 5, gatherMs: 0, retries: 0, timeoutMs: 60_000 },
    );
    const run = (id: string) => ({
      schema: 'tailor.run/v1' as const,
      id,
      flowId: 'f',
      status: 'succeeded' as const,
      source: 'api' as const,
      inputs: {},
      startedAt: 1,
      endedAt: 2,
      durationMs: 1,
      nodes: [],
    });
    for (let i = 0; i < 100; i++) exporter.add(run(`r${i}`));
    // Ten fitted in the queue, ninety were dropped at once; five then went out in a request that is
    // never answered, and the other five wait behind it.
    expect(exporter.stats()).toMatchObject({ queuedRuns: 10, droppedRuns: 90 });
    while (hanging.requests.length === 0 && exporter.stats().queuedRuns > 5) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(exporter.stats()).toMatchObject({ queuedRuns: 5, exportedRuns: 0, droppedRuns: 90 });
    await exporter.close(50);
    await hanging.close();
    await storage.close();
  });

  it('retries a collector answering 503 with backoff, then delivers', async () => {
    const flaky = await startOtlpCollector();
    flaky.mode = 503;
    const storage = createSqliteStorage(':memory:');
    const exporter = new RunTraceExporter(
      { tracesUrl: `${flaky.endpoint}/v1/traces`, headers: {}, content: false, serviceName: 'tailor' },
      storage,
      { gatherMs: 0, retries: 3, backoffMs: 30 },
    );
    exporter.add({
      schema: 'tailor.run/v1',
      id: 'r1',
      flowId: 'f',
      status: 'succeeded',
      source: 'api',
      inputs: {},
      startedAt: 1,
      endedAt: 2,
      durationMs: 1,
      nodes: [],
    });
    setTimeout(() => {
      flaky.mode = 'accept';
    }, 40);
    await exporter.flush();
    expect(exporter.stats()).toMatchObject({ exportedRuns: 1, droppedRuns: 0 });
    expect(exporter.stats().failedRequests).toBeGreaterThanOrEqual(1);
    expect(flaky.spans.map((span) => span.name)).toEqual(['run f']);
    await exporter.close();
    await flaky.close();
    await storage.close();
  });
});
