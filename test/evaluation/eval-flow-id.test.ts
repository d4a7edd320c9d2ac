import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tailor, workspace } from '../cli/run-tailor.js';
import { removeDir, startTestServer, type TestServer } from '../server/harness.js';

const KEY = 'sk-evalid-0123456789abcdefghijklm';

/** The local model answers "Echo: <prompt>" when nothing is scripted; `prefix` goes before the question. */
function flow(prefix = '') {
  return {
    schema: 'tailor.flow/v1',
    id: 'echo-bot',
    name: 'Echo bot',
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

// Plain answers pass two of three; answers with "VIP: " pass all three.
const cases = [
  { id: 'hours', inputs: { question: 'We open at nine' }, expected: 'open at nine' },
  { id: 'refund', inputs: { question: 'Refunds take 3 days' }, expected: '3 days' },
  { id: 'vip', inputs: { question: 'Delivery is free' }, expected: 'VIP: Delivery' },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

let model: ProviderServer;
let files: ReturnType<typeof workspace>;
const modelEnv = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: model.openaiBaseUrl });

beforeAll(async () => {
  model = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'] });
  files = workspace({
    'plain.json': flow(),
    'vip.json': flow('VIP: '),
    'cases.jsonl': cases,
    'broken.jsonl': `${JSON.stringify({ inputs: { question: 'ok' } })}\n{"inputs": "oops"}`,
  });
});
afterAll(async () => {
  files.remove();
  await model.close();
});

describe('tailor eval <flow id> on the local data directory', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tailor-eval-data-'));
  afterAll(() => removeDir(dataDir));
  const run = (args: string[]) => tailor(args, { cwd: files.dir, env: { ...modelEnv(), TAILOR_DATA_DIR: dataDir } });

  it('evaluates the published version, or the draft with --version, and exits by the threshold', async () => {
    expect((await run(['flow', 'push', 'plain.json', '--publish'])).status).toBe(0);
    expect((await run(['flow', 'push', 'vip.json'])).status).toBe(0);

    const published = await run(['eval', 'echo-bot', 'cases.jsonl', '--scorer', 'contains', '--threshold', '0.6']);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stderr).toContain('Evaluating the version 1 of "echo-bot"');
    expect(published.stdout).toContain('Items: 3, passed 2 (66.7%)');

    const strict = await run(['eval', 'echo-bot', 'cases.jsonl', '--scorer', 'contains', '--threshold', '0.9']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('Below the threshold: 66.7% < 90.0%');

    const draft = await run(['eval', 'echo-bot', 'cases.jsonl', '--version', 'draft', '--scorer', 'contains']);
    expect(draft.status, draft.stderr).toBe(0);
    expect(draft.stderr).toContain('Evaluating the draft (revision 2) of "echo-bot"');
    expect(draft.stdout).toContain('Items: 3, passed 3 (100.0%)');
  });

  it('exits 2 on an unknown flow or version, and on a bad dataset', async () => {
    const unknown = await run(['eval', 'no-such-flow', 'cases.jsonl']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('There is no flow "no-such-flow"');
    const version = await run(['eval', 'echo-bot', 'cases.jsonl', '--version', '7']);
    expect(version.status).toBe(2);
    expect(version.stderr).toContain('Flow "echo-bot" has no version 7.');
    const broken = await run(['eval', 'echo-bot', 'broken.jsonl']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken.jsonl: line 2: "inputs"');
    const dataset = await run(['eval', 'echo-bot', 'no-such-dataset']);
    expect(dataset.status).toBe(2);
    expect(dataset.stderr).toContain('"no-such-dataset" is neither a dataset file nor a stored dataset');
  });
});

describe('tailor eval <flow id> --server, and the publish gate of tailor flow push', { timeout: 120_000 }, () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await startTestServer({}, { env: modelEnv() });
    token = (await t.admin.post<{ token: string }>('/api/auth/tokens')).body.token;
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dataDir);
  });
  const run = (args: string[]) => tailor([...args, '--server', t.url, '--token', token], { cwd: files.dir });

  it('runs the evaluation on the server, prints the same report and exits by the threshold', async () => {
    expect((await run(['flow', 'push', 'plain.json', '--publish'])).status).toBe(0);
    const passed = await run(['eval', 'echo-bot', 'cases.jsonl', '--scorer', 'contains', '--threshold', '0.6']);
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stderr).toContain('the version 1 of "echo-bot" on "cases.jsonl"');
    expect(passed.stderr).toContain('[3/3]');
    expect(passed.stdout).toMatch(/^FAIL {2}vip \(line 3\)/m);
    expect(passed.stdout).toContain('Items: 3, passed 2 (66.7%)');

    // The evaluation is stored, and its runs are recorded as evaluation runs.
    const [stored] = (await t.admin.get<Array<{ id: string; datasetName: string }>>('/api/evaluations?flowId=echo-bot'))
      .body;
    expect(stored?.datasetName).toBe('cases.jsonl');
    const runs = await t.admin.get<{ runs: Array<{ source: string }> }>('/api/runs?flowId=echo-bot');
    expect(runs.body.runs.filter((r) => r.source === 'evaluation')).toHaveLength(3);

    const below = await run(['eval', 'echo-bot', 'cases.jsonl', '--scorer', 'contains', '--json']);
    expect(below.status).toBe(1);
    expect(JSON.parse(below.stdout).summary).toMatchObject({ items: 3, passed: 2, passedThreshold: false });
    // The same file again replaced the stored dataset instead of adding one.
    expect((await t.admin.get<unknown[]>('/api/datasets')).body).toHaveLength(1);
  });

  it('exits 2 when the server refuses the request or the dataset is bad', async () => {
    const unknown = await run(['eval', 'no-such-flow', 'cases.jsonl']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Flow "no-such-flow" does not exist.');
    const scorer = await run(['eval', 'echo-bot', 'cases.jsonl', '--scorer', 'bleu']);
    expect(scorer.status).toBe(2);
    expect(scorer.stderr).toContain('Unknown scorer "bleu"');
    const broken = await run(['eval', 'echo-bot', 'broken.jsonl']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken.jsonl: line 2');
  });

  it('flow push --publish obeys the evaluation gate', async () => {
    const [dataset] = (await t.admin.get<Array<{ id: string }>>('/api/datasets')).body;
    const gate = { datasetId: dataset?.id, threshold: 0.9, scorers: ['contains'] };
    expect((await t.admin.put('/api/flows/echo-bot/evaluation-gate', gate)).status).toBe(200);

    const refused = await run(['flow', 'push', 'vip.json', '--publish']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Evaluation gate: no evaluation of this draft (revision 2)');

    const draft = await run(['eval', 'echo-bot', 'cases.jsonl', '--version', 'draft', '--scorer', 'contains']);
    expect(draft.status, draft.stderr).toBe(0);
    expect(draft.stdout).toContain('Items: 3, passed 3 (100.0%)');

    // Pushing the same document again bumps the revision, but the evaluated document is the same.
    const published = await run(['flow', 'push', 'vip.json', '--publish']);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stdout).toContain('published as version 2');
  });
});
