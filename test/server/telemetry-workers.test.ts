import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceIdOf } from '@tailor/server';
import { type OtlpCollector, startOtlpCollector } from '@tailor/test/support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, AdminClient, echoFlow, removeDir } from './harness.js';
import { type Child, startChild } from './processes.js';

// Needs the Redis of the CI (127.0.0.1:6379), like scale-out.test.ts; fails, never skips, without it.
const REDIS_URL = process.env.TAILOR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tailor-test-${randomUUID().slice(0, 8)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tailor-otlp-workers-'));
const children: Child[] = [];
let collector: OtlpCollector;
let admin: AdminClient;

beforeAll(async () => {
  collector = await startOtlpCollector();
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    TAILOR_DATA_DIR: dataDir,
    TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TAILOR_REDIS_URL: REDIS_URL,
    TAILOR_REDIS_PREFIX: prefix,
    TAILOR_EXECUTOR: 'bullmq',
    TAILOR_OTLP_ENDPOINT: collector.endpoint,
    OTEL_SERVICE_NAME: 'tailor-worker-test',
  };
  const server = startChild('./server-process.ts', env);
  const worker = startChild('./worker-process.ts', env);
  children.push(server, worker);
  const [, url] = await server.waitFor(/^listening (\S+)/);
  await worker.waitFor(/^worker ready/);
  admin = new AdminClient(url ?? '');
  await admin.login();
  await admin.post('/api/flows', echoFlow('chat'));
}, 60_000);

afterAll(async () => {
  for (const child of children) await child.stop();
  await collector.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  removeDir(dataDir);
}, 60_000);

describe('OpenTelemetry export with BullMQ workers', () => {
  it('exports a run recorded by a worker process, as one trace', async () => {
    const started = await admin.post<{ runId: string }>('/api/flows/chat/runs', { inputs: { message: 'hello' } });
    const run = await admin.waitForRun(started.body.runId);
    expect(run.status).toBe('succeeded');
    const spans = await collector.waitForSpans(5, (span) => span.traceId === traceIdOf(started.body.runId));
    expect(spans.map((span) => span.name).sort()).toEqual([
      'input start',
      'output end',
      'run Echo',
      'template shout',
      'test-stream answer',
    ]);
    expect(spans[0]?.resource['service.name']).toBe('tailor-worker-test');
  }, 30_000);
});
