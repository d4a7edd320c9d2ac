import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, AdminClient, removeDir } from './harness.js';
import { type Child, startChild } from './processes.js';

// Needs the Redis of the CI (127.0.0.1:6379), as the scale-out tests; fails, never skips, without it.
const REDIS_URL = process.env.TAILOR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tailor-eval-${randomUUID().slice(0, 8)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tailor-eval-scale-'));
const env = {
  PORT: '0',
  HOST: '127.0.0.1',
  TAILOR_DATA_DIR: dataDir,
  TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
  TAILOR_REDIS_URL: REDIS_URL,
  TAILOR_REDIS_PREFIX: prefix,
  TAILOR_EXECUTOR: 'bullmq',
  TAILOR_CONCURRENCY: '2',
};
const children: Child[] = [];
let admin: AdminClient;
let worker: Child;

/** Retrieval over a keyword knowledge base: the `retrieval` scorer reads what it found from the run's events. */
const retrievalFlow = {
  schema: 'tailor.flow/v1',
  id: 'faq-search',
  name: 'FAQ search',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
    { id: 'kb', type: 'retrieval', config: { knowledgeBase: 'shop', query: '{{ start.question }}', topK: 1 } },
    { id: 'end', type: 'output', config: { value: '{{ kb.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'kb' },
    { from: 'kb', to: 'end' },
  ],
};

beforeAll(async () => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  await redis.connect();
  redis.disconnect();
  const server = startChild('./server-process.ts', env);
  children.push(server);
  const [, url] = await server.waitFor(/^listening (\S+)/);
  admin = new AdminClient(url ?? '');
  await admin.login();
  worker = startChild('./worker-process.ts', env);
  children.push(worker);
  await worker.waitFor(/^worker ready/);
}, 60_000);

afterAll(async () => {
  for (const child of children) await child.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  removeDir(dataDir);
}, 60_000);

async function upload(name: string, text: string) {
  const reply = await fetch(`${admin.url}/api/knowledge/shop/documents?name=${name}`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-tailor-csrf': '1', 'content-type': 'text/plain' },
    body: text,
  });
  expect(reply.status).toBe(201);
}

describe('an evaluation whose runs execute on a BullMQ worker', () => {
  it('records each item as an evaluation run on the worker and scores what it retrieved', async () => {
    expect((await admin.post('/api/knowledge', { name: 'shop' })).status).toBe(201);
    await upload('hours.txt', 'The shop opens at nine in the morning and closes at six.');
    await upload('refunds.txt', 'Refunds are paid back within three working days.');
    await admin.post('/api/flows', retrievalFlow);
    const dataset = await admin.post<{ id: string }>('/api/datasets', {
      name: 'Shop questions',
      items: [
        { inputs: { question: 'when does the shop open' }, sources: ['hours.txt'], facts: ['nine'] },
        { inputs: { question: 'how are refunds paid back' }, sources: ['refunds.txt'], facts: ['three'] },
        { inputs: { question: 'refunds paid back' }, sources: ['hours.txt'] },
      ],
    });
    const started = await admin.post<{ id: string }>('/api/evaluations', {
      flowId: 'faq-search',
      version: 'draft',
      datasetId: dataset.body.id,
      threshold: 0.5,
    });
    expect(started.status).toBe(202);
    let detail: {
      status: string;
      scorers: string[];
      score?: number;
      report?: { items: Array<{ runId: string; pass: boolean; scores: Array<{ scorer: string; detail: string }> }> };
    };
    for (;;) {
      detail = (await admin.get<typeof detail>(`/api/evaluations/${started.body.id}`)).body;
      if (detail.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(detail).toMatchObject({ status: 'succeeded', scorers: ['facts', 'retrieval'] });
    expect(detail.report?.items.map((item) => item.pass)).toEqual([true, true, false]);
    expect(detail.report?.items[2]?.scores.find((s) => s.scorer === 'retrieval')?.detail).toContain(
      'not retrieved: hours.txt (got refunds.txt)',
    );
    const run = await admin.get<{ source: string; status: string }>(`/api/runs/${detail.report?.items[0]?.runId}`);
    expect(run.body).toMatchObject({ source: 'evaluation', status: 'succeeded' });
    expect(worker.lines.filter((line) => line.startsWith('ran ')).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
