import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStorage } from '@tailor/server';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './harness.js';

const KEY = 'sk-evalapi-0123456789abcdefghijkl';

interface Summary {
  id: string;
  status: string;
  progress: { done: number; total: number };
  score?: number;
  passed?: boolean;
  revision?: number;
  flowVersion?: number;
  datasetName: string;
}
interface Item {
  index: number;
  status: string;
  line: number;
  id?: string;
  inputs: Record<string, unknown>;
  expected?: unknown;
  output: unknown;
  runId?: string;
  pass: boolean;
  score: number;
  durationMs: number;
  usage?: { input: number; output: number };
  scores: Array<{ scorer: string; pass: boolean; score: number; detail: string }>;
}
interface Detail extends Summary {
  report?: {
    items: Item[];
    summary: { items: number; passed: number; passRate: number; scorers: Record<string, unknown> };
  };
}

/**
 * The local model answers "Echo: <prompt>" when nothing is scripted, so what a version answers is
 * decided by its prompt: `prefix` is put in front of the question.
 */
function modelFlow(id: string, prefix = '') {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: 'Echo model',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
      {
        id: 'answer',
        type: 'model',
        config: { provider: 'openai', model: 'gpt-4o-mini', prompt: `${prefix}{{ start.question }}` },
      },
      { id: 'end', type: 'output', config: { value: '{{ answer.text }}' } },
    ],
    edges: [
      { from: 'start', to: 'answer' },
      { from: 'answer', to: 'end' },
    ],
  };
}

const casesJsonl = [
  { id: 'hours', inputs: { question: 'We open at nine' }, expected: 'open at nine' },
  { id: 'refund', inputs: { question: 'Refunds take 3 days' }, expected: 'Refunds take 3 days' },
  { id: 'vip', inputs: { question: 'Delivery is free' }, expected: 'VIP: Delivery is free' },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

let t: TestServer;
let model: ProviderServer;

beforeAll(async () => {
  model = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'] });
  t = await startTestServer({}, { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: model.openaiBaseUrl } });
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
  await model.close();
});

async function upload(path: string, body: string, contentType = 'text/plain') {
  const reply = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { cookie: t.admin.cookie, 'x-tailor-csrf': '1', 'content-type': contentType },
    body,
  });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

/** Plain answers ("Echo: …") pass the first, answers with "VIP: " the last; the middle one passes both. */
const compareJsonl = [
  { id: 'greeting', inputs: { question: 'We open at nine' }, expected: 'Echo: We open' },
  { id: 'refund', inputs: { question: 'Refunds take 3 days' }, expected: '3 days' },
  { id: 'vip', inputs: { question: 'Delivery is free' }, expected: 'VIP: Delivery' },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

async function importCases(name: string, text = casesJsonl): Promise<string> {
  const reply = await upload(`/api/datasets/import?name=${encodeURIComponent(name)}`, text, 'application/jsonl');
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

/** Polls as the editor does until the evaluation has ended; returns every progress seen. */
async function waitForEvaluation(id: string): Promise<{ detail: Detail; seen: number[] }> {
  const seen: number[] = [];
  for (;;) {
    const { status, body } = await t.admin.get<Detail>(`/api/evaluations/${id}`);
    expect(status).toBe(200);
    if (seen.at(-1) !== body.progress.done) seen.push(body.progress.done);
    if (body.status !== 'running') return { detail: body, seen };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function evaluate(body: Record<string, unknown>): Promise<Detail> {
  const started = await t.admin.post<Summary>('/api/evaluations', body);
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ status: 'running', progress: { done: 0 } });
  return (await waitForEvaluation(started.body.id)).detail;
}

describe('templates over HTTP', { timeout: 60_000 }, () => {
  it('lists the templates in English and Chinese', async () => {
    const { status, body } =
      await t.admin.get<Array<{ id: string; name: { en: string; zh: string } }>>('/api/templates');
    expect(status).toBe(200);
    expect(body.map((template) => template.id)).toEqual(
      expect.arrayContaining(['customer-service', 'meeting-summary', 'travel-planner']),
    );
    expect(body.find((template) => template.id === 'customer-service')?.name).toEqual({
      en: 'Customer-service bot',
      zh: '智能客服',
    });
  });

  it('creates a flow with its sample knowledge base once, and its sample dataset', async () => {
    const first = await t.admin.post<{
      document: { id: string; name: string };
      knowledgeBases: Array<{ name: string; added: string[]; present: string[] }>;
      dataset?: { id: string; itemCount: number };
    }>('/api/templates/customer-service/flows', { name: 'Support bot' });
    expect(first.status).toBe(201);
    expect(first.body.document).toMatchObject({ id: 'customer-service', name: 'Support bot' });
    expect(first.body.knowledgeBases).toEqual([
      { name: 'support-faq', added: ['faq-en.md', 'faq-zh.md'], present: [] },
    ]);
    expect(first.body.dataset?.itemCount).toBeGreaterThan(0);
    const flow = await t.admin.get<{ document: { nodes: unknown[] } }>('/api/flows/customer-service');
    expect(flow.body.document.nodes.length).toBeGreaterThan(5);
    const kb = await t.admin.get<{ documentList: Array<{ name: string }> }>('/api/knowledge/support-faq');
    expect(kb.body.documentList.map((d) => d.name).sort()).toEqual(['faq-en.md', 'faq-zh.md']);

    const second = await t.admin.post<{ document: { id: string }; knowledgeBases: unknown }>(
      '/api/templates/customer-service/flows',
      {},
    );
    expect(second.status).toBe(201);
    expect(second.body.document.id).toBe('customer-service-2');
    expect(second.body.knowledgeBases).toEqual([
      { name: 'support-faq', added: [], present: ['faq-en.md', 'faq-zh.md'] },
    ]);
    expect((await t.admin.post('/api/templates/no-such-template/flows', {})).status).toBe(404);
  });
});

describe('datasets over HTTP', { timeout: 60_000 }, () => {
  it('imports JSON Lines and CSV as the raw body', async () => {
    const jsonl = await upload('/api/datasets/import?name=FAQ%20set', casesJsonl);
    expect(jsonl.status).toBe(201);
    expect(jsonl.body).toMatchObject({ name: 'FAQ set', items: [{ id: 'hours', expected: 'open at nine' }, {}, {}] });
    const csv = await upload(
      '/api/datasets/import?name=CSV%20set',
      'id,question,expected,facts\na,Hello there,hello,"x | y"\n',
      'text/csv',
    );
    expect(csv.status).toBe(201);
    expect(csv.body.items).toEqual([
      { id: 'a', inputs: { question: 'Hello there' }, expected: 'hello', facts: ['x', 'y'] },
    ]);
  });

  it('refuses a bad file with every problem and its line, and nothing is stored', async () => {
    const before = (await t.admin.get<unknown[]>('/api/datasets')).body.length;
    const bad = `${JSON.stringify({ inputs: { q: 'ok' } })}\n{"inputs": "oops"}\nnot json\n{"inputs":{},"expect":1}`;
    const reply = await upload('/api/datasets/import?name=Bad', bad);
    expect(reply.status).toBe(400);
    const problems = (reply.body.error as { problems: Array<{ path: unknown[]; message: string }> }).problems;
    expect(problems.map((p) => p.path)).toEqual([
      ['line', 2],
      ['line', 3],
      ['line', 4],
    ]);
    expect(problems[2]?.message).toContain('unknown field "expect"');
    expect((await t.admin.get<unknown[]>('/api/datasets')).body.length).toBe(before);
    expect((await upload('/api/datasets/import', casesJsonl)).status).toBe(400);
    expect((await upload('/api/datasets/import?name=Empty', '\n\n')).status).toBe(400);
  });

  it('refuses a file over the size limit with 413', async () => {
    const line = `${JSON.stringify({ inputs: { question: 'x'.repeat(1000) } })}\n`;
    const reply = await upload('/api/datasets/import?name=Huge', line.repeat(11_000));
    expect(reply.status).toBe(413);
  });

  it('builds items from recorded runs: their inputs, and their outputs as expected', async () => {
    await t.admin.post('/api/flows', modelFlow('from-runs'));
    const runIds: string[] = [];
    for (const question of ['What is one?', 'What is two?']) {
      const started = await t.admin.post<{ runId: string }>('/api/flows/from-runs/runs', {
        inputs: { question },
        version: 'draft',
      });
      expect(started.status).toBe(202);
      await t.admin.waitForRun(started.body.runId);
      runIds.push(started.body.runId);
    }
    const dataset = await t.admin.post<{ id: string }>('/api/datasets', { name: 'From runs', items: [] });
    const reply = await t.admin.post<{ items: unknown[] }>(`/api/datasets/${dataset.body.id}/items/from-runs`, {
      runIds,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([
      { id: `run-${runIds[0]}`, inputs: { question: 'What is one?' }, expected: 'Echo: What is one?' },
      { id: `run-${runIds[1]}`, inputs: { question: 'What is two?' }, expected: 'Echo: What is two?' },
    ]);
    // Adding the same runs again adds nothing.
    const again = await t.admin.post<{ items: unknown[] }>(`/api/datasets/${dataset.body.id}/items/from-runs`, {
      runIds,
    });
    expect(again.body.items).toHaveLength(2);
    const unknown = await t.admin.post<{ error: { message: string } }>(
      `/api/datasets/${dataset.body.id}/items/from-runs`,
      { runIds: [runIds[0], 'no-such-run'] },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('"no-such-run"');
    expect((await t.admin.post('/api/datasets/nope/items/from-runs', { runIds })).status).toBe(404);
  });
});

describe('evaluations over HTTP', { timeout: 90_000 }, () => {
  it('runs an evaluation to the end with progress, every item a recorded run', async () => {
    await t.admin.post('/api/flows', modelFlow('faq'));
    const datasetId = await importCases('FAQ set');
    // The same answers as the echo, slowed down so that each step of the progress can be seen.
    for (const question of ['We open at nine', 'Refunds take 3 days', 'Delivery is free']) {
      model.enqueue({ text: `Echo: ${question}`, delayMs: 300, usage: { input: 12, output: 6 } });
    }
    const started = await t.admin.post<Summary>('/api/evaluations', {
      flowId: 'faq',
      version: 'draft',
      datasetId,
      scorers: ['contains'],
      threshold: 0.5,
      concurrency: 1,
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', progress: { done: 0, total: 3 }, datasetName: 'FAQ set' });
    const { detail, seen } = await waitForEvaluation(started.body.id);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(detail).toMatchObject({ status: 'succeeded', progress: { done: 3, total: 3 }, passed: true, revision: 1 });
    expect(detail.score).toBeCloseTo(2 / 3);
    const items = detail.report?.items ?? [];
    expect(items.map((item) => [item.id, item.pass])).toEqual([
      ['hours', true],
      ['refund', true],
      ['vip', false],
    ]);
    expect(items[0]).toMatchObject({ inputs: { question: 'We open at nine' }, output: 'Echo: We open at nine' });
    expect(items[2]?.scores[0]).toMatchObject({ scorer: 'contains', pass: false });
    expect(items[0]?.usage).toMatchObject({ input: 12, output: 6 });
    expect(detail.report?.summary).toMatchObject({ items: 3, passed: 2, tokens: { input: 36, output: 18 } });
    const run = await t.admin.get<{ source: string; flowId: string; output: unknown }>(`/api/runs/${items[0]?.runId}`);
    expect(run.body).toMatchObject({ source: 'evaluation', flowId: 'faq', output: 'Echo: We open at nine' });
    const list = await t.admin.get<Summary[]>('/api/evaluations?flowId=faq');
    expect(list.body.map((evaluation) => evaluation.id)).toContain(started.body.id);
    expect(list.body[0]).not.toHaveProperty('report');
  });

  it('refuses a bad request before running anything', async () => {
    const datasetId = await importCases('For refusals');
    const bad = async (body: Record<string, unknown>) => (await t.admin.post('/api/evaluations', body)).status;
    expect(await bad({ flowId: 'faq', version: 'draft', datasetId, scorers: ['nope'] })).toBe(400);
    expect(await bad({ flowId: 'faq', version: 'draft', datasetId, scorers: ['judge'] })).toBe(400);
    expect(await bad({ flowId: 'faq', version: 'draft', datasetId, scorers: ['exact'], concurrency: 17 })).toBe(400);
    expect(await bad({ flowId: 'faq', version: 'draft', datasetId: 'nope', scorers: ['exact'] })).toBe(404);
    expect(await bad({ flowId: 'nope', version: 'draft', datasetId, scorers: ['exact'] })).toBe(404);
    expect(await bad({ flowId: 'faq', version: 'published', datasetId, scorers: ['exact'] })).toBe(409);
  });

  it('compares two versions item by item', async () => {
    await t.admin.post('/api/flows', modelFlow('versions'));
    await t.admin.post('/api/flows/versions/versions', { note: 'plain' });
    await t.admin.put('/api/flows/versions', modelFlow('versions', 'VIP: '));
    await t.admin.post('/api/flows/versions/versions', { note: 'vip' });
    const datasetId = await importCases('Versions', compareJsonl);
    const common = { flowId: 'versions', datasetId, scorers: ['contains'], threshold: 0.5 };
    const base = await evaluate({ ...common, version: 1 });
    const candidate = await evaluate({ ...common, version: 2 });
    expect(base).toMatchObject({ status: 'succeeded', flowVersion: 1 });
    expect(candidate).toMatchObject({ status: 'succeeded', flowVersion: 2 });
    const { status, body } = await t.admin.get<{
      base: { id: string; summary: { passRate: number } };
      candidate: { id: string; summary: { passRate: number } };
      changes: { better: number; worse: number; same: number };
      items: Array<{ id: string; change: string; base: { output: unknown }; candidate: { output: unknown } }>;
    }>(`/api/evaluations/compare?base=${base.id}&candidate=${candidate.id}`);
    expect(status).toBe(200);
    expect(body.base.id).toBe(base.id);
    expect(body.items.map((item) => [item.id, item.change])).toEqual([
      ['greeting', 'worse'],
      ['refund', 'same'],
      ['vip', 'better'],
    ]);
    expect(body.items[2]).toMatchObject({
      base: { output: 'Echo: Delivery is free' },
      candidate: { output: 'Echo: VIP: Delivery is free' },
    });
    expect(body.changes).toEqual({ better: 1, worse: 1, same: 1 });
    expect(body.base.summary.passRate).toBeCloseTo(2 / 3);
    expect(body.candidate.summary.passRate).toBeCloseTo(2 / 3);
    expect((await t.admin.get(`/api/evaluations/compare?base=${base.id}&candidate=nope`)).status).toBe(404);
  });

  it('cancels a running evaluation and keeps the items that ended', async () => {
    await t.admin.post('/api/flows', {
      schema: 'tailor.flow/v1',
      id: 'slow',
      name: 'Slow',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
        { id: 'hold', type: 'test-wait', config: { ms: 30_000 } },
        { id: 'end', type: 'output', config: { value: '{{ start.question }}' } },
      ],
      edges: [
        { from: 'start', to: 'hold' },
        { from: 'hold', to: 'end' },
      ],
    });
    const datasetId = await importCases('Slow');
    const started = await t.admin.post<Summary>('/api/evaluations', {
      flowId: 'slow',
      version: 'draft',
      datasetId,
      scorers: ['exact'],
      concurrency: 2,
    });
    const cancelled = await t.admin.post<Summary>(`/api/evaluations/${started.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const { detail } = await waitForEvaluation(started.body.id);
    expect(detail).toMatchObject({ status: 'cancelled', progress: { total: 3 } });
    // The two items in flight ended as cancelled runs; the third never started.
    expect(detail.report?.items.map((item) => item.status)).toEqual(['cancelled', 'cancelled']);
    const run = await t.admin.get<{ status: string }>(`/api/runs/${detail.report?.items[0]?.runId}`);
    expect(run.body.status).toBe('cancelled');
  });
});

describe('the publish gate', { timeout: 90_000 }, () => {
  it('refuses to publish until an evaluation of this exact draft reaches the threshold', async () => {
    await t.admin.post('/api/flows', modelFlow('gated'));
    const datasetId = await importCases('Gate set');
    const gate = { datasetId, threshold: 0.8, scorers: ['contains'] };
    expect((await t.admin.put('/api/flows/gated/evaluation-gate', gate)).body).toEqual(gate);
    expect((await t.admin.get('/api/flows/gated/evaluation-gate')).body).toEqual(gate);

    const refused = await t.admin.post<{ error: { message: string } }>('/api/flows/gated/versions', { note: 'v1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      "Evaluation gate: no evaluation of this draft (revision 1) on 'Gate set' with contains yet; evaluate it, then publish.",
    );

    // 2 of 3 pass: below 0.80.
    const low = await evaluate({ flowId: 'gated', version: 'draft', datasetId, scorers: ['contains'] });
    expect(low.score).toBeCloseTo(2 / 3);
    const below = await t.admin.post<{ error: { message: string } }>('/api/flows/gated/versions', { note: 'v1' });
    expect(below.status).toBe(409);
    expect(below.body.error.message).toBe("Evaluation gate: draft revision 1 scored 0.67 on 'Gate set', below 0.80.");

    // A draft that answers every case (the expected texts are all in "Echo: VIP: …"); saving it
    // makes the evaluation above count for nothing.
    await t.admin.put('/api/flows/gated', modelFlow('gated', 'VIP: '));
    const stale = await t.admin.post<{ error: { message: string } }>('/api/flows/gated/versions', { note: 'v1' });
    expect(stale.body.error.message).toContain('no evaluation of this draft (revision 2)');
    // Another dataset, or other scorers, do not count.
    const other = await importCases('Other set');
    await evaluate({ flowId: 'gated', version: 'draft', datasetId: other, scorers: ['contains'] });
    await evaluate({ flowId: 'gated', version: 'draft', datasetId, scorers: ['exact'] });
    const still = await t.admin.post<{ error: { message: string } }>('/api/flows/gated/versions', { note: 'v1' });
    expect(still.body.error.message).toContain('no evaluation of this draft (revision 2)');
    const good = await evaluate({ flowId: 'gated', version: 'draft', datasetId, scorers: ['contains'] });
    expect(good).toMatchObject({ status: 'succeeded', revision: 2, score: 1, passed: true });
    const published = await t.admin.post<{ version: number }>('/api/flows/gated/versions', { note: 'v1' });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(1);

    expect((await t.admin.delete('/api/flows/gated/evaluation-gate')).body).toEqual({ deleted: true });
    expect((await t.admin.get('/api/flows/gated/evaluation-gate')).body).toBeNull();
    await t.admin.put('/api/flows/gated', modelFlow('gated', 'Changed: '));
    expect((await t.admin.post('/api/flows/gated/versions', { note: 'v2' })).status).toBe(201);

    // A flow deleted and made again does not inherit the old gate.
    await t.admin.put('/api/flows/gated/evaluation-gate', gate);
    await t.admin.delete('/api/flows/gated');
    await t.admin.post('/api/flows', modelFlow('gated'));
    expect((await t.admin.get('/api/flows/gated/evaluation-gate')).body).toBeNull();
    expect((await t.admin.post('/api/flows/gated/versions', { note: 'v1' })).status).toBe(201);
  });
});

describe('an evaluation when its server stops', { timeout: 60_000 }, () => {
  it('is cancelled by a clean stop, with the items that ended', async () => {
    const stopping = await startTestServer();
    await stopping.admin.post('/api/flows', {
      schema: 'tailor.flow/v1',
      id: 'held',
      name: 'Held',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
        { id: 'hold', type: 'test-wait', config: { ms: 30_000 } },
        { id: 'end', type: 'output', config: { value: '{{ start.question }}' } },
      ],
      edges: [
        { from: 'start', to: 'hold' },
        { from: 'hold', to: 'end' },
      ],
    });
    const dataset = await stopping.admin.post<{ id: string }>('/api/datasets', {
      name: 'Held',
      items: [{ inputs: { question: 'a' }, expected: 'a' }],
    });
    const started = await stopping.admin.post<Summary>('/api/evaluations', {
      flowId: 'held',
      version: 'draft',
      datasetId: dataset.body.id,
    });
    expect(started.status).toBe(202);
    await stopping.close();
    const storage = createSqliteStorage(stopping.dataDir);
    try {
      expect(await storage.evaluations.get(started.body.id)).toMatchObject({
        status: 'cancelled',
        report: { items: [{ status: 'cancelled' }] },
      });
    } finally {
      await storage.close();
      removeDir(stopping.dataDir);
    }
  });

  it('is marked failed when the server starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tailor-eval-restart-'));
    const storage = createSqliteStorage(dataDir);
    await storage.evaluations.put({
      id: 'left-running',
      flowId: 'faq',
      version: 'draft',
      revision: 1,
      documentHash: 'h',
      datasetId: 'd',
      datasetName: 'FAQ set',
      scorers: ['contains'],
      settings: {},
      threshold: 0.8,
      concurrency: 4,
      status: 'running',
      progress: { done: 1, total: 3 },
      createdAt: Date.now(),
    });
    await storage.close();
    const again = await startTestServer({}, {}, dataDir);
    try {
      const { body } = await again.admin.get<Summary & { error?: string }>('/api/evaluations/left-running');
      expect(body).toMatchObject({ status: 'failed', progress: { done: 1, total: 3 } });
      expect(body.error).toContain('The server stopped while the evaluation ran');
    } finally {
      await again.close();
      removeDir(dataDir);
    }
  });
});

describe('evaluation progress over socket.io', { timeout: 60_000 }, () => {
  it('sends the summary to the evaluation room as each item ends, and when it ends', async () => {
    const token = (await t.admin.post<{ token: string }>('/api/auth/tokens')).body.token;
    const socket = connect(t.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true });
    try {
      expect(await socket.timeout(5_000).emitWithAck('subscribe', { evaluations: true })).toEqual({ ok: true });
      const seen: Summary[] = [];
      const ended = new Promise<void>((resolve) => {
        socket.on('evaluation.progress', (summary: Summary) => {
          seen.push(summary);
          if (summary.status !== 'running') resolve();
        });
      });
      await t.admin.post('/api/flows', modelFlow('live'));
      const datasetId = await importCases('Live');
      const started = await t.admin.post<Summary>('/api/evaluations', {
        flowId: 'live',
        version: 'draft',
        datasetId,
        scorers: ['contains'],
        concurrency: 1,
      });
      await ended;
      expect(seen.every((summary) => summary.id === started.body.id)).toBe(true);
      expect(seen.map((summary) => [summary.status, summary.progress.done])).toEqual([
        ['running', 1],
        ['running', 2],
        ['running', 3],
        ['succeeded', 3],
      ]);
      expect(seen.at(-1)).toMatchObject({ passed: false });
      expect(seen.at(-1)?.score).toBeCloseTo(2 / 3);
      expect(seen.at(-1)).not.toHaveProperty('report');
    } finally {
      socket.disconnect();
    }
  });
});

describe('server-side scorers and a draft edited mid-evaluation', { timeout: 60_000 }, () => {
  it('asks the judge through the models configured on the server', async () => {
    await t.admin.post('/api/flows', modelFlow('judged'));
    const dataset = await t.admin.post<{ id: string }>('/api/datasets', {
      name: 'Judged',
      items: [{ inputs: { question: 'When do you open?' }, expected: 'At nine' }],
    });
    model.enqueue({ text: 'We open at nine.' });
    model.enqueue({ text: '{"score": 0.9, "pass": true, "reason": "Gives the opening time."}' });
    const before = model.requests.length;
    const detail = await evaluate({
      flowId: 'judged',
      version: 'draft',
      datasetId: dataset.body.id,
      scorers: ['judge'],
      judge: 'openai/gpt-4o-mini',
      rubric: 'States the opening time.',
    });
    expect(detail.report?.items[0]?.scores).toEqual([
      { scorer: 'judge', score: 0.9, pass: true, detail: 'Gives the opening time.' },
    ]);
    const judgeRequest = model.requests.slice(before).at(-1);
    expect(JSON.stringify(judgeRequest?.body)).toContain('States the opening time.');
    expect(JSON.stringify(judgeRequest?.body)).toContain('We open at nine.');
  });

  it('does not let an evaluation of a draft that was saved while it ran count for the gate', async () => {
    const slow = (answer: string) => ({
      schema: 'tailor.flow/v1',
      id: 'edited',
      name: 'Edited',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
        { id: 'hold', type: 'test-wait', config: { ms: 200 } },
        { id: 'end', type: 'output', config: { value: answer } },
      ],
      edges: [
        { from: 'start', to: 'hold' },
        { from: 'hold', to: 'end' },
      ],
    });
    await t.admin.post('/api/flows', slow('ok'));
    const dataset = await t.admin.post<{ id: string }>('/api/datasets', {
      name: 'Edited',
      items: [1, 2, 3, 4].map((n) => ({ inputs: { question: `q${n}` }, expected: 'ok' })),
    });
    await t.admin.put('/api/flows/edited/evaluation-gate', {
      datasetId: dataset.body.id,
      threshold: 0.5,
      scorers: ['exact'],
    });
    const started = await t.admin.post<Summary>('/api/evaluations', {
      flowId: 'edited',
      version: 'draft',
      datasetId: dataset.body.id,
      scorers: ['exact'],
      concurrency: 1,
    });
    // Saved again with the same document: the revision moves on while the evaluation runs.
    await t.admin.put('/api/flows/edited', slow('ok'));
    const { detail } = await waitForEvaluation(started.body.id);
    expect(detail).toMatchObject({ status: 'succeeded', revision: 1, draftChanged: true, score: 1 });
    const refused = await t.admin.post<{ error: { message: string } }>('/api/flows/edited/versions', { note: 'v1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('no evaluation of this draft (revision 2)');
    await evaluate({ flowId: 'edited', version: 'draft', datasetId: dataset.body.id, scorers: ['exact'] });
    expect((await t.admin.post('/api/flows/edited/versions', { note: 'v1' })).status).toBe(201);
  });
});

describe('the report while an evaluation runs', { timeout: 60_000 }, () => {
  it('holds the items that have ended so far', async () => {
    await t.admin.post('/api/flows', {
      schema: 'tailor.flow/v1',
      id: 'paced',
      name: 'Paced',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
        { id: 'hold', type: 'test-wait', config: { ms: 600 } },
        { id: 'end', type: 'output', config: { value: '{{ start.question }}' } },
      ],
      edges: [
        { from: 'start', to: 'hold' },
        { from: 'hold', to: 'end' },
      ],
    });
    const dataset = await t.admin.post<{ id: string }>('/api/datasets', {
      name: 'Paced',
      items: [1, 2, 3, 4, 5].map((n) => ({ inputs: { question: `q${n}` }, expected: `q${n}` })),
    });
    const started = await t.admin.post<Summary>('/api/evaluations', {
      flowId: 'paced',
      version: 'draft',
      datasetId: dataset.body.id,
      scorers: ['exact'],
      concurrency: 1,
    });
    let partial: Detail | undefined;
    for (;;) {
      const { body } = await t.admin.get<Detail>(`/api/evaluations/${started.body.id}`);
      if (body.status !== 'running') break;
      if (body.report && body.report.items.length < 5) partial = body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(partial?.report?.items.length).toBeGreaterThan(0);
    expect(partial?.report?.items.every((item) => item.pass)).toBe(true);
    expect(partial?.report?.summary.items).toBe(partial?.report?.items.length);
  });
});
