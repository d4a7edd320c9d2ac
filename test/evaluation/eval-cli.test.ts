import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampleApi } from '../../templates/sample-api/server.mjs';
import { repositoryRoot, tailor, workspace } from '../cli/run-tailor.js';

const KEY = 'sk-eval-0123456789abcdefghijklmn';

// The local server answers "Echo: <the prompt>" when nothing is scripted: deterministic per item
// whatever order the concurrent items reach it in.
const flow = {
  schema: 'tailor.flow/v1',
  id: 'echo-bot',
  name: 'Echo bot',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
    {
      id: 'answer',
      type: 'model',
      config: { provider: 'openai', model: 'gpt-4o-mini', prompt: '{{ start.question }}' },
    },
    { id: 'end', type: 'output', config: { value: { answer: '{{ answer.text }}', asked: '{{ start.question }}' } } },
  ],
  edges: [
    { from: 'start', to: 'answer' },
    { from: 'answer', to: 'end' },
  ],
};

const jsonl = [
  { id: 'hours', inputs: { question: 'We open at nine' }, expected: 'open at nine', facts: ['nine'] },
  { id: 'refund', inputs: { question: 'Refunds take 3 days' }, expected: '3 days', facts: ['refund', '3 days'] },
  { id: 'wrong', inputs: { question: 'Delivery is free' }, expected: 'costs 8 yuan', facts: ['8 yuan'] },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

let server: ProviderServer;
let files: ReturnType<typeof workspace>;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini', 'text-embedding-3-small'] });
  files = workspace({
    'flow.json': flow,
    'cases.jsonl': jsonl,
    'similar.jsonl': [
      { inputs: { question: 'We open at nine' }, expected: 'Echo: We open at nine' },
      { inputs: { question: 'Refunds take 3 days' }, expected: 'Delivery abroad costs eight yuan' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n'),
    'cases.csv': 'id,question,expected\nsku,Order SO20260001 shipped,SO\\d{8}\nnone,No number here,SO\\d{8}\n',
    'broken.jsonl': `${JSON.stringify({ inputs: { question: 'ok' }, expected: 'ok' })}\n{"inputs": "oops"}\n{"inputs":{},`,
  });
});
afterAll(async () => {
  files.remove();
  await server.close();
});

const run = (args: string[]) =>
  tailor(['eval', ...args], { cwd: files.dir, env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseUrl } });

describe('tailor eval, through the real binary', { timeout: 60_000 }, () => {
  it('prints a per-item and aggregate report and passes at or above the threshold', async () => {
    const outcome = await run([
      'flow.json',
      'cases.jsonl',
      '--scorer',
      'contains',
      '--scorer',
      'facts',
      '--field',
      'answer',
      '--threshold',
      '0.6',
      '--concurrency',
      '2',
    ]);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^pass {2}hours \(line 1\) {2}score 1\.00/m);
    expect(outcome.stdout).toMatch(/^FAIL {2}wrong \(line 3\)/m);
    expect(outcome.stdout).toContain('✗ contains: "costs 8 yuan" not in the output');
    expect(outcome.stdout).toContain('✗ facts: missing: "8 yuan"');
    expect(outcome.stdout).toContain('Items: 3, passed 2 (66.7%)');
    expect(outcome.stdout).toMatch(/Latency: mean \d+ ms, p50 \d+ ms, p95 \d+ ms/);
    expect(outcome.stdout).toMatch(/Tokens: \d+ in, \d+ out/);
    expect(outcome.stdout).toContain('Passed: 66.7% ≥ threshold 60.0%');
    expect(outcome.stderr).toContain('[3/3]');
    expect(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBeGreaterThanOrEqual(3);
  });

  it('exits 1 below the threshold, and --json gives the report as data', async () => {
    const outcome = await run(['flow.json', 'cases.jsonl', '--scorer', 'facts', '--field', 'answer', '--json']);
    expect(outcome.status).toBe(1);
    const report = JSON.parse(outcome.stdout) as {
      items: Array<{ id: string; pass: boolean; score: number; usage?: { input: number } }>;
      summary: { items: number; passed: number; threshold: number; passedThreshold: boolean };
    };
    expect(report.summary).toMatchObject({ items: 3, passed: 2, threshold: 0.8, passedThreshold: false });
    expect(report.items.map((item) => [item.id, item.pass])).toEqual([
      ['hours', true],
      ['refund', true],
      ['wrong', false],
    ]);
    expect(report.items[0]?.usage?.input).toBeGreaterThan(0);
  });

  it('reads CSV datasets and scores with a regex on a field', async () => {
    const outcome = await run([
      'flow.json',
      'cases.csv',
      '--scorer',
      'regex',
      '--field',
      'answer',
      '--threshold',
      '0.5',
    ]);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^pass {2}sku \(line 2\)/m);
    expect(outcome.stdout).toMatch(/^FAIL {2}none \(line 3\)/m);
  });

  it('exits 2 on a bad dataset, saying what is wrong on which line', async () => {
    const outcome = await run(['flow.json', 'broken.jsonl']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('broken.jsonl: line 2: "inputs": ');
    expect(outcome.stderr).toContain('broken.jsonl: line 3: not JSON');
    expect(outcome.stdout).toBe('');
  });

  it('exits 2 on an unknown scorer or a bad threshold', async () => {
    const scorer = await run(['flow.json', 'cases.jsonl', '--scorer', 'bleu']);
    expect(scorer.status).toBe(2);
    expect(scorer.stderr).toContain('Unknown scorer "bleu"');
    const threshold = await run(['flow.json', 'cases.jsonl', '--threshold', '80']);
    expect(threshold.status).toBe(2);
    expect(threshold.stderr).toContain('--threshold must be a number from 0 to 1');
  });
});

describe('tailor eval with the LLM judge', { timeout: 60_000 }, () => {
  it('asks the judge model with the rubric, and fails closed on an unreadable verdict', async () => {
    server.requests.length = 0;
    server
      .enqueue({ text: 'We open at nine.' })
      .enqueue({ text: '{"score": 1, "pass": true, "reason": "correct hours"}' });
    server.enqueue({ text: 'Refunds take a while.' }).enqueue({ text: 'Looks fine to me!' });
    server
      .enqueue({ text: 'Delivery is free.' })
      .enqueue({ text: '{"score": 0.2, "pass": false, "reason": "wrong cost"}' });
    const args = [
      'flow.json',
      'cases.jsonl',
      '--scorer',
      'judge',
      '--judge',
      'openai/gpt-4o-mini',
      '--rubric',
      'Give the opening hours exactly.',
    ];
    const outcome = await run([...args, '--concurrency', '1', '--field', 'answer', '--threshold', '0.3']);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('✓ judge: correct hours');
    expect(outcome.stdout).toContain('✗ judge: unreadable verdict, counted as a fail (not JSON: "Looks fine to me!")');
    expect(outcome.stdout).toContain('✗ judge: wrong cost');
    expect(outcome.stdout).toContain('Items: 3, passed 1 (33.3%)');
    const judgeCall = server.requests[1]?.body as { messages: Array<{ content: string }>; temperature: number };
    expect(judgeCall.messages[1]?.content).toContain('RUBRIC:\nGive the opening hours exactly.');
    expect(judgeCall.messages[1]?.content).toContain('ANSWER:\nWe open at nine.');
    expect(judgeCall.temperature).toBe(0);
    expect(server.pending()).toBe(0);
  });

  it('asks for the judge model when the judge scorer is chosen without one', async () => {
    const outcome = await run(['flow.json', 'cases.jsonl', '--scorer', 'judge']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('--judge <provider>/<model>');
  });
});

describe('tailor eval with embedding similarity', { timeout: 60_000 }, () => {
  it('compares meaning through the embedding model', async () => {
    const args = ['flow.json', 'similar.jsonl', '--scorer', 'similarity', '--embed', 'openai/text-embedding-3-small'];
    const outcome = await run([...args, '--similarity', '0.9', '--field', 'answer', '--threshold', '0.5']);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('✓ similarity: similarity 1.00 ≥ 0.9');
    expect(outcome.stdout).toMatch(/✗ similarity: similarity 0\.\d\d < 0\.9/);
    expect(server.requests.filter((r) => r.path.endsWith('/embeddings'))).toHaveLength(2);
  });
});

describe('tailor eval over the customer-service template', { timeout: 90_000 }, () => {
  it('scores routing (intent field) and retrieval hit rate of the shipped sample dataset', async () => {
    const dir = join(repositoryRoot, 'templates/customer-service');
    const api = await startSampleApi();
    // The shipped dataset, with the order API where this test started it.
    const lines = readFileSync(join(dir, 'eval.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const item = JSON.parse(line) as { inputs: Record<string, unknown> };
        item.inputs.orderApi = api.base;
        return JSON.stringify(item);
      });
    const local = workspace({ 'eval.jsonl': lines.join('\n') });
    const env = {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.openaiBaseUrl,
      TAILOR_DATA_DIR: join(local.dir, 'data'),
      TAILOR_ALLOW_HOSTS: '127.0.0.1',
    };
    try {
      const added = await tailor(['kb', 'add', 'support-faq', join(dir, 'data')], { cwd: local.dir, env });
      expect(added.status, added.stderr).toBe(0);
      // One item at a time, so the scripted replies meet the calls in dataset order.
      server.enqueue({ text: '{"class": "faq"}' }).enqueue({ text: 'Standard delivery takes 2–4 working days [1].' });
      server.enqueue({ text: '{"class": "faq"}' }).enqueue({ text: '签收后 7 天内可无理由退货 [1]。' });
      server.enqueue({ text: 'It shipped with SF Express, tracking SF1234567890.' });
      const flowFile = join(dir, 'flow.json');
      const args = [
        'eval',
        flowFile,
        'eval.jsonl',
        '--scorer',
        'json',
        '--json-field',
        'intent',
        '--scorer',
        'retrieval',
        '--concurrency',
        '1',
        '--threshold',
        '1',
      ];
      const outcome = await tailor(args, { cwd: local.dir, env });
      expect(outcome.status, outcome.stdout + outcome.stderr).toBe(0);
      expect(outcome.stdout).toContain('Items: 5, passed 5 (100.0%)');
      expect(outcome.stdout).toMatch(/^ {2}retrieval 2\/2 passed, mean 1\.00$/m);
      expect(outcome.stdout).toContain('✓ retrieval: 1/1 sources retrieved');
      expect(server.pending()).toBe(0);
    } finally {
      local.remove();
      await api.close();
    }
  });
});
