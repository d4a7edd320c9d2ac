import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, AdminClient, echoFlow, removeDir } from './harness.js';
import { type Child, startChild } from './processes.js';

// What runs on `tailor worker` processes get besides the engine: sub-flows and the saved price
// table. Needs the Redis of the CI (127.0.0.1:6379), never skips.
const REDIS_URL = process.env.TAILOR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tailor-test-${randomUUID().slice(0, 8)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tailor-subflow-worker-'));
let provider: ProviderServer;
const env: Record<string, string> = {
  PORT: '0',
  HOST: '127.0.0.1',
  TAILOR_DATA_DIR: dataDir,
  TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
  TAILOR_REDIS_URL: REDIS_URL,
  TAILOR_REDIS_PREFIX: prefix,
  TAILOR_EXECUTOR: 'bullmq',
  // one slot per worker: a child that went through the queue would wait behind its own parent
  TAILOR_CONCURRENCY: '1',
};
const children: Child[] = [];
let admin: AdminClient;
let workers: Child[];

interface RunRecord {
  id: string;
  status: string;
  source: string;
  output?: unknown;
  parentRunId?: string;
  parentNodeId?: string;
  error?: { message: string };
  nodes: Array<{ nodeId: string; status: string }>;
}

function parentFlow(id: string, child: string) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: id,
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

const pricedFlow = {
  schema: 'tailor.flow/v1',
  id: 'priced',
  name: 'priced',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [] } },
    { id: 'ask', type: 'model', config: { provider: 'openai-compatible', model: 'gpt-test', prompt: 'hi' } },
    { id: 'end', type: 'output', config: { value: '{{ ask.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'ask' },
    { from: 'ask', to: 'end' },
  ],
};

function endlessFlow(id: string) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: id,
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string' }] } },
      { id: 'hold', type: 'test-wait', config: { ms: 600_000 } },
      { id: 'end', type: 'output', config: { value: 'done' } },
    ],
    edges: [
      { from: 'start', to: 'hold' },
      { from: 'hold', to: 'end' },
    ],
  };
}

async function publish(document: { id: string }): Promise<void> {
  expect((await admin.post('/api/flows', document)).status).toBe(201);
  expect((await admin.post(`/api/flows/${document.id}/versions`, { note: 'live' })).status).toBe(201);
}

async function childrenOf(parentRunId: string, flowId: string): Promise<RunRecord[]> {
  const listed = await admin.get<{ runs: RunRecord[] }>(`/api/runs?flowId=${flowId}`);
  return listed.body.runs.filter((run) => run.parentRunId === parentRunId);
}

async function waitUntil<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
  } catch (error) {
    throw new Error(`These tests need Redis at ${REDIS_URL} (set TAILOR_REDIS_URL): ${String(error)}`);
  } finally {
    redis.disconnect();
  }
  provider = await startProviderServer({ models: ['gpt-test'] });
  env.OPENAI_COMPATIBLE_BASE_URL = provider.openaiBaseUrl;
  const server = startChild('./server-process.ts', env);
  children.push(server);
  const [, url] = await server.waitFor(/^listening (\S+)/);
  admin = new AdminClient(url ?? '');
  await admin.login();
  workers = [startChild('./worker-process.ts', env), startChild('./worker-process.ts', env)];
  children.push(...workers);
  await Promise.all(workers.map((worker) => worker.waitFor(/^worker ready/)));
  await publish(echoFlow('child'));
  await publish(parentFlow('parent', 'child'));
  await publish(parentFlow('loops', 'loops'));
  await publish(endlessFlow('endless-child'));
  await publish(parentFlow('waits-on-child', 'endless-child'));
  await publish(pricedFlow);
}, 60_000);

afterAll(async () => {
  for (const child of children) await child.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  removeDir(dataDir);
  await provider.close();
}, 60_000);

describe('price table on BullMQ workers', () => {
  async function costOnAWorker(): Promise<number | undefined> {
    provider.enqueue({ text: 'ok', usage: { input: 10, output: 5 } });
    const { body } = await admin.post<{ runId: string }>('/api/flows/priced/runs', { inputs: {} });
    expect(await admin.waitForRun(body.runId)).toMatchObject({ status: 'succeeded' });
    const run = await admin.get<{ usage?: { cost?: number } }>(`/api/runs/${body.runId}`);
    return run.body.usage?.cost;
  }

  it('prices the next run on a worker with the table saved on the server, no restart', async () => {
    expect(await costOnAWorker()).toBeUndefined();
    const saved = await admin.put('/api/settings/prices', {
      models: { 'openai-compatible/gpt-test': { input: 100_000, output: 200_000 } },
    });
    expect(saved.status).toBe(200);
    // Both workers re-read it before their next job, whichever takes the run.
    for (let i = 0; i < 3; i++) expect(await costOnAWorker()).toBeCloseTo(2, 10);
  }, 30_000);
});

describe('subflow node on BullMQ workers', () => {
  it('runs the child inside the worker holding the parent and records both, linked', async () => {
    // As many parents as there are worker slots: children taking queue slots would deadlock here.
    const started = await Promise.all(
      ['one', 'two'].map((message) =>
        admin.post<{ runId: string }>('/api/flows/parent/runs', { inputs: { message }, version: 'published' }),
      ),
    );
    const parents = await Promise.all(started.map(({ body }) => admin.waitForRun(body.runId)));
    expect(parents.map((run) => run.output)).toEqual([
      { text: 'Parent heard: You said: one!' },
      { text: 'Parent heard: You said: two!' },
    ]);
    for (const { body } of started) {
      const [child, ...more] = await childrenOf(body.runId, 'child');
      expect(more).toEqual([]);
      expect(child).toMatchObject({ parentNodeId: 'call', source: 'subflow', status: 'succeeded' });
      const record = (await admin.get<RunRecord>(`/api/runs/${child?.id}`)).body;
      expect(record.output).toEqual({ text: expect.stringMatching(/^You said: (one|two)!$/) });
      expect(record.nodes.map((node) => node.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
      // Only the parent went through the queue: a worker printed its id, none the child's.
      const ran = workers.flatMap((worker) => worker.lines);
      expect(ran).toContain(`ran ${body.runId}`);
      expect(ran).not.toContain(`ran ${child?.id}`);
    }
  }, 30_000);

  it('stops a flow that calls itself at the depth limit', async () => {
    const { body } = await admin.post<{ runId: string }>('/api/flows/loops/runs', {
      inputs: { message: 'x' },
      version: 'published',
    });
    const run = (await admin.waitForRun(body.runId)) as RunRecord;
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/nested more than 8 deep/);
    const listed = await admin.get<{ runs: RunRecord[] }>('/api/runs?flowId=loops&limit=100');
    expect(listed.body.runs.filter((r) => r.source === 'subflow')).toHaveLength(8);
  }, 30_000);

  it('cancelling the parent cancels the child running on the worker', async () => {
    const { body } = await admin.post<{ runId: string }>('/api/flows/waits-on-child/runs', {
      inputs: { message: 'wait' },
      version: 'published',
    });
    const child = await waitUntil(async () => {
      const [found] = await childrenOf(body.runId, 'endless-child');
      if (!found) return undefined;
      const record = (await admin.get<RunRecord>(`/api/runs/${found.id}`)).body;
      return record.nodes.some((node) => node.nodeId === 'hold' && node.status === 'running') ? found : undefined;
    });
    expect((await admin.post(`/api/runs/${body.runId}/cancel`)).body).toEqual({ cancelled: true });
    expect(await admin.waitForRun(body.runId)).toMatchObject({ status: 'cancelled' });
    expect(await admin.waitForRun(child.id)).toMatchObject({ status: 'cancelled' });
  }, 30_000);

  it('cancels a child run by its own id from the server', async () => {
    const { body } = await admin.post<{ runId: string }>('/api/flows/waits-on-child/runs', {
      inputs: { message: 'wait' },
      version: 'published',
    });
    const child = await waitUntil(async () => (await childrenOf(body.runId, 'endless-child'))[0]);
    expect((await admin.post(`/api/runs/${child.id}/cancel`)).body).toEqual({ cancelled: true });
    expect(await admin.waitForRun(child.id)).toMatchObject({ status: 'cancelled' });
    const parent = (await admin.waitForRun(body.runId)) as RunRecord;
    expect(parent.status).toBe('failed');
    expect(parent.error?.message).toMatch(/Sub-flow "endless-child"/);
  }, 30_000);
});
