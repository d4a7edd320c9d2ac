import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@tailor/runtime';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, AdminClient, echoFlow, removeDir } from './harness.js';
import { type Child, startChild } from './processes.js';

// These tests need the Redis of the CI (127.0.0.1:6379) and fail, never skip, without it.
const REDIS_URL = process.env.TAILOR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tailor-test-${randomUUID().slice(0, 8)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tailor-scale-'));
const env = {
  PORT: '0',
  HOST: '127.0.0.1',
  TAILOR_DATA_DIR: dataDir,
  TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
  TAILOR_REDIS_URL: REDIS_URL,
  TAILOR_REDIS_PREFIX: prefix,
  TAILOR_EXECUTOR: 'bullmq',
  TAILOR_CONCURRENCY: '2',
  // a killed worker's run is noticed within seconds instead of half a minute
  TAILOR_JOB_LOCK_MS: '2000',
};
const children: Child[] = [];
const sockets: Socket[] = [];
let serverA: AdminClient;
let serverB: AdminClient;
let workers: Child[];

async function requireRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
  } catch (error) {
    throw new Error(`The scale-out tests need Redis at ${REDIS_URL} (set TAILOR_REDIS_URL): ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}

async function bootServer(): Promise<AdminClient> {
  const child = startChild('./server-process.ts', env);
  children.push(child);
  const [, url] = await child.waitFor(/^listening (\S+)/);
  const admin = new AdminClient(url ?? '');
  await admin.login();
  return admin;
}

function waitFlow(id: string, ms: number) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: id,
    nodes: [
      { id: 'start', type: 'input', config: { fields: [] } },
      { id: 'hold', type: 'test-wait', config: { ms } },
      { id: 'end', type: 'output', config: { value: 'done' } },
    ],
    edges: [
      { from: 'start', to: 'hold' },
      { from: 'hold', to: 'end' },
    ],
  };
}

beforeAll(async () => {
  await requireRedis();
  serverA = await bootServer();
  serverB = await bootServer();
  workers = [startChild('./worker-process.ts', env), startChild('./worker-process.ts', env)];
  children.push(...workers);
  await Promise.all(workers.map((worker) => worker.waitFor(/^worker ready/)));
  await serverA.post('/api/flows', echoFlow('chat'));
  await serverA.post('/api/flows', waitFlow('short', 150));
  await serverA.post('/api/flows', waitFlow('endless', 600_000));
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const child of children) await child.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  removeDir(dataDir);
}, 60_000);

describe('BullMQ executor with two worker processes', () => {
  it('spreads runs over both workers and records them all', async () => {
    const started = await Promise.all(
      Array.from({ length: 8 }, () => serverA.post<{ runId: string }>('/api/flows/short/runs', {})),
    );
    const runs = await Promise.all(started.map(({ body }) => serverA.waitForRun(body.runId)));
    expect(runs.map((run) => run.status)).toEqual(Array(8).fill('succeeded'));
    for (const worker of workers)
      expect(worker.lines.filter((line) => line.startsWith('ran ')).length).toBeGreaterThan(0);
  }, 30_000);

  it('brings the events of a run on a worker to a socket.io client of another server instance', async () => {
    const token = (await serverB.post<{ token: string }>('/api/auth/tokens')).body.token;
    const socket = connect(serverB.url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(socket);
    expect(await socket.timeout(5_000).emitWithAck('subscribe', { flowId: 'chat' })).toMatchObject({ ok: true });
    const events: RunEvent[] = [];
    const ended = new Promise<void>((resolve) =>
      socket.on('run.event', (event: RunEvent) => {
        events.push(event);
        if (event.type === 'run.end') resolve();
      }),
    );
    const { body } = await serverA.post<{ runId: string }>('/api/flows/chat/runs', {
      inputs: { message: 'across machines' },
    });
    await ended;
    expect(events.every((event) => event.runId === body.runId)).toBe(true);
    expect(events.map((event) => event.seq)).toEqual(events.map((_e, i) => i + 1));
    expect(
      events
        .filter((e) => e.type === 'node.delta')
        .map((e) => (e as { text: string }).text)
        .join(''),
    ).toBe('You said: across machines');
    const resumed = await serverB.get<{ status: string }>(`/api/runs/${body.runId}`);
    expect(resumed.body.status).toBe('succeeded');
  }, 30_000);

  it('cancels a run held by a worker from any server', async () => {
    const { body } = await serverA.post<{ runId: string }>('/api/flows/endless/runs', {});
    for (;;) {
      const run = await serverB.get<{ nodes: Array<{ nodeId: string; status: string }> }>(`/api/runs/${body.runId}`);
      if (run.body.nodes.some((n) => n.nodeId === 'hold' && n.status === 'running')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await serverB.post(`/api/runs/${body.runId}/cancel`)).body).toEqual({ cancelled: true });
    expect(await serverA.waitForRun(body.runId)).toMatchObject({ status: 'cancelled' });
  }, 30_000);

  it('marks a run interrupted when its worker dies', async () => {
    const { body } = await serverA.post<{ runId: string }>('/api/flows/endless/runs', {});
    const holder = await Promise.race(
      workers.map((worker) => worker.waitFor(new RegExp(`^ran ${body.runId}`)).then(() => worker)),
    );
    await holder.stop('SIGKILL');
    const run = await serverA.waitForRun(body.runId);
    expect(run).toMatchObject({ status: 'interrupted' });
  }, 30_000);
});
