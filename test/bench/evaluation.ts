import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { loadFlow, ServiceRegistry } from '@tailor/runtime';
import { readConfig, startServer } from '@tailor/server';
import { parseJsonl } from '../../server/src/evaluation/dataset.js';
import { runDataset } from '../../server/src/evaluation/run-dataset.js';
import { createScorers, type Scorer } from '../../server/src/evaluation/scorers.js';
import type { BenchArea, BenchRow } from './bench-row.js';

/**
 * Evaluations on the server: every item is a run through the run service and the executor,
 * recorded, its progress stored; the floor is the same items run by `tailor eval`'s loop in this
 * process with nothing recorded.
 */
const ITEMS = 1_000;
const CONCURRENCY = 8;
const PASSWORD = 'bench password 1';

const flow = {
  schema: 'tailor.flow/v1',
  id: 'bench-eval',
  name: 'Bench evaluation',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
    { id: 'answer', type: 'template', config: { template: 'Answer to {{ start.question }}' } },
    { id: 'end', type: 'output', config: { value: '{{ answer.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'answer' },
    { from: 'answer', to: 'end' },
  ],
};

const jsonl = Array.from({ length: ITEMS }, (_, n) =>
  JSON.stringify({ id: `case-${n}`, inputs: { question: `question ${n}` }, expected: `question ${n}` }),
).join('\n');

async function overServer(): Promise<{ itemsPerSecond: number; importMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tailor-bench-eval-'));
  const server = await startServer({
    config: readConfig({ PORT: '0', HOST: '127.0.0.1', TAILOR_DATA_DIR: dataDir, TAILOR_ADMIN_PASSWORD: PASSWORD }),
    log: () => undefined,
  });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const call = async <T>(method: string, path: string, body?: string, type = 'application/json') => {
      const reply = await fetch(`${server.url}${path}`, {
        method,
        headers: { cookie, 'x-tailor-csrf': '1', ...(body ? { 'content-type': type } : {}) },
        ...(body ? { body } : {}),
      });
      return (await reply.json()) as T;
    };
    await call('POST', '/api/flows', JSON.stringify(flow));
    // The median of several imports: the first one also pays for warming up the parser.
    const importTimes: number[] = [];
    let dataset = { id: '' };
    for (let round = 0; round < 5; round++) {
      const importStarted = performance.now();
      dataset = await call<{ id: string }>('POST', `/api/datasets/import?name=bench-${round}`, jsonl, 'text/plain');
      importTimes.push(performance.now() - importStarted);
    }
    const importMs = importTimes.sort((a, b) => a - b)[2] ?? Number.NaN;
    const started = performance.now();
    const evaluation = await call<{ id: string }>(
      'POST',
      '/api/evaluations',
      JSON.stringify({
        flowId: flow.id,
        version: 'draft',
        datasetId: dataset.id,
        scorers: ['contains'],
        concurrency: CONCURRENCY,
      }),
    );
    for (;;) {
      const current = await call<{ status: string }>('GET', `/api/evaluations/${evaluation.id}`);
      if (current.status !== 'running') {
        if (current.status !== 'succeeded') throw new Error(`the evaluation ${current.status}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { itemsPerSecond: ITEMS / ((performance.now() - started) / 1000), importMs };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function inProcess(): Promise<number> {
  const parsed = parseJsonl(jsonl);
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  const scorers = createScorers(['contains']) as Scorer[];
  const started = performance.now();
  const document = loadFlow(flow, catalogue).document;
  if (!document) throw new Error('the bench flow is invalid');
  await runDataset(document, parsed.items, {
    catalogue,
    services: new ServiceRegistry(),
    scorers,
    concurrency: CONCURRENCY,
  });
  return ITEMS / ((performance.now() - started) / 1000);
}

const area: BenchArea = {
  name: 'evaluation',
  async run(): Promise<BenchRow[]> {
    const floor = await inProcess();
    const served = await overServer();
    return [
      {
        area: 'evaluation',
        metric: `items evaluated on the server, each a recorded run (${ITEMS} items, ${CONCURRENCY} at once)`,
        value: served.itemsPerSecond,
        unit: 'items/s',
        floor,
        goal: '> 200 items/s',
      },
      {
        area: 'evaluation',
        metric: `import a ${ITEMS}-line JSON Lines dataset over HTTP (median of 5)`,
        value: served.importMs,
        unit: 'ms',
        goal: '< 200 ms',
      },
    ];
  },
};
export default area;
