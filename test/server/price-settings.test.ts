import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './harness.js';

let provider: ProviderServer;
let t: TestServer;
let dataDir: string;

interface PriceTable {
  currency: string;
  models: Record<string, { input: number; output: number }>;
}
interface PriceTables {
  override: PriceTable | null;
  effective: PriceTable;
}

const modelFlow = {
  schema: 'tailor.flow/v1',
  id: 'priced',
  name: 'Priced',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'q', type: 'string', required: true }] } },
    { id: 'ask', type: 'model', config: { provider: 'openai-compatible', model: 'gpt-test', prompt: '{{ start.q }}' } },
    { id: 'end', type: 'output', config: { value: '{{ ask.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'ask' },
    { from: 'ask', to: 'end' },
  ],
};

function boot(): Promise<TestServer> {
  const env = { OPENAI_COMPATIBLE_BASE_URL: provider.openaiBaseUrl };
  return startTestServer({}, { env }, dataDir);
}

/** Runs the flow once with a scripted answer of 12 input and 3 output tokens; returns its cost. */
async function costOfOneRun(): Promise<number | undefined> {
  provider.enqueue({ text: 'Priced answer', usage: { input: 12, output: 3 } });
  const started = await t.admin.post<{ runId: string }>('/api/flows/priced/runs', { inputs: { q: 'hello' } });
  expect(started.status).toBe(202);
  await t.admin.waitForRun(started.body.runId);
  const run = await t.admin.get<{ status: string; usage?: { cost?: number } }>(`/api/runs/${started.body.runId}`);
  expect(run.body.status).toBe('succeeded');
  return run.body.usage?.cost;
}

beforeAll(async () => {
  provider = await startProviderServer({ models: ['gpt-test'] });
  t = await startTestServer({}, { env: { OPENAI_COMPATIBLE_BASE_URL: provider.openaiBaseUrl } });
  dataDir = t.dataDir;
  expect((await t.admin.post('/api/flows', modelFlow)).status).toBe(201);
});

afterAll(async () => {
  await t.close();
  removeDir(dataDir);
  await provider.close();
});

describe('price table setting', () => {
  it('shows the shipped table when nothing is saved', async () => {
    const reply = await t.admin.get<PriceTables>('/api/settings/prices');
    expect(reply.status).toBe(200);
    expect(reply.body.override).toBeNull();
    expect(reply.body.effective.currency).toBe('USD');
    expect(reply.body.effective.models['openai/gpt-4o-mini']).toBeDefined();
    expect(await costOfOneRun()).toBeUndefined();
  });

  it('refuses a table with problems, naming each', async () => {
    const reply = await t.admin.put<{ error: { code: string; problems: Array<{ path: unknown[]; message: string }> } }>(
      '/api/settings/prices',
      { currency: 'CNY', models: { 'no-slash': { input: 1 }, 'qwen/qwen-plus': { input: -1, output: 2 } } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('REQUEST_INVALID');
    const messages = reply.body.error.problems.map((problem) => problem.message).join('\n');
    expect(messages).toMatch(/body\.models\.no-slash: keys look like "provider\/model"/);
    expect(messages).toMatch(/qwen\/qwen-plus\.input/);
    expect((await t.admin.get<PriceTables>('/api/settings/prices')).body.override).toBeNull();
  });

  it('prices the next run with a saved table, without a restart, and again after a change', async () => {
    const saved = await t.admin.put<PriceTables>('/api/settings/prices', {
      currency: 'CNY',
      models: { 'openai-compatible/gpt-test': { input: 1000, output: 2000 } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.override?.models).toEqual({ 'openai-compatible/gpt-test': { input: 1000, output: 2000 } });
    expect(saved.body.effective.currency).toBe('CNY');
    // Laid over the shipped table: its entries are still there.
    expect(saved.body.effective.models['openai/gpt-4o-mini']).toBeDefined();
    expect(await costOfOneRun()).toBeCloseTo((12 * 1000 + 3 * 2000) / 1_000_000, 10);
    await t.admin.put('/api/settings/prices', { models: { 'openai-compatible/*': { input: 500000 } } });
    expect(await costOfOneRun()).toBeCloseTo((12 * 500000) / 1_000_000, 10);
  });

  it('keeps the saved table across a restart, and forgets it on delete', async () => {
    await t.close();
    t = await boot();
    const reply = await t.admin.get<PriceTables>('/api/settings/prices');
    expect(reply.body.override?.models).toEqual({ 'openai-compatible/*': { input: 500000, output: 0 } });
    expect(await costOfOneRun()).toBeCloseTo(6, 10);
    const cleared = await t.admin.delete<PriceTables>('/api/settings/prices');
    expect(cleared.status).toBe(200);
    expect(cleared.body.override).toBeNull();
    expect(await costOfOneRun()).toBeUndefined();
  });
});
