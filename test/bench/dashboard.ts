import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServerContext,
  createSqliteStorage,
  openSqlite,
  RunFilterSchema,
  readConfig,
  resolveMetricsRange,
} from '@tailor/server';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

type RunFilterInput = import('zod').input<typeof RunFilterSchema>;

/**
 * The operations dashboard (issue 8) over a million stored runs: the runs list page by page with
 * each filter, and the metrics the server aggregates (buckets with p50/p95/p99, slowest nodes,
 * frequent errors) for one flow and for all flows, over a day and over the whole month.
 */
const RUNS = Number(process.env.TAILOR_BENCH_DASHBOARD_RUNS ?? 1_000_000);
const FLOWS = 20;
const MONTH = 30 * 86_400_000;
const DAY = 86_400_000;

/** Runs spread over the last 30 days, as a busy month leaves them, written in one transaction. */
export function fillRuns(dir: string, count: number, now: number): number {
  const started = performance.now();
  const db = openSqlite(join(dir, 'tailor.db'));
  const insert = db.prepare(
    `INSERT INTO runs (id, flow_id, flow_version, status, source, started_at, ended_at, duration_ms, inputs, output,
       error, usage, nodes, end_user_id, end_user)
     VALUES (?, ?, 3, ?, 'api', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const text = db.prepare('INSERT INTO runs_text (run_id, body) VALUES (?, ?)');
  const statuses = [
    'succeeded',
    'succeeded',
    'succeeded',
    'succeeded',
    'succeeded',
    'failed',
    'succeeded',
    'cancelled',
  ];
  const words = ['parcel', 'refund', 'invoice', 'delivery', 'password', 'warranty', 'discount', 'return'];
  const errors = [
    '{"code":"MODEL_TIMEOUT","message":"The model did not answer within 30 s"}',
    '{"code":"HTTP_ERROR","message":"The order API answered 503"}',
    '{"code":"CODE_ERROR","message":"Cannot read properties of undefined"}',
  ];
  const step = MONTH / count;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `run-${String(i).padStart(7, '0')}`;
      const status = statuses[i % statuses.length] ?? 'succeeded';
      const at = Math.floor(now - MONTH + i * step);
      // Long-tailed durations: most runs quick, a few slow.
      const duration = 200 + ((i * 7919) % 800) + (i % 50 === 0 ? 5_000 : 0);
      const inputs = `{"message":"question ${i} about ${words[i % 8]} and ${words[(i * 7) % 8]}"}`;
      const nodes = JSON.stringify([
        { nodeId: 'start', type: 'input', status: 'succeeded', attempts: 1, logs: [], startedAt: at, durationMs: 1 },
        {
          nodeId: 'kb',
          type: 'retrieval',
          status: 'succeeded',
          attempts: 1,
          logs: [],
          startedAt: at + 1,
          durationMs: 20 + (i % 30),
        },
        {
          nodeId: 'answer',
          type: 'model',
          status: status === 'failed' ? 'failed' : 'succeeded',
          attempts: 1 + (i % 7 === 0 ? 1 : 0),
          logs: [],
          startedAt: at + 50,
          durationMs: duration - 60,
        },
        {
          nodeId: 'end',
          type: 'output',
          status: 'succeeded',
          attempts: 1,
          logs: [],
          startedAt: at + duration - 5,
          durationMs: 2,
        },
      ]);
      const usage = `{"input":${200 + (i % 300)},"output":${40 + (i % 90)},"cost":${((i % 100) / 100_000).toFixed(5)}}`;
      const user = i % 3 === 0 ? `user-${i % 5000}` : null;
      insert.run(
        id,
        `flow-${i % FLOWS}`,
        status,
        at,
        at + duration,
        duration,
        inputs,
        '"ok"',
        status === 'failed' ? errors[i % errors.length] : null,
        usage,
        nodes,
        user,
        user ? `{"id":"${user}"}` : null,
      );
      text.run(id, inputs);
    }
  })();
  db.close();
  return (performance.now() - started) / 1000;
}

async function timed<T>(times: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  times.push(performance.now() - started);
  return result;
}

/** A three-node flow of control nodes: what is measured is the run around it, not a model. */
const QUICK_FLOW = {
  schema: 'tailor.flow/v1' as const,
  id: 'quick',
  name: 'Quick',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'n', type: 'number' }] }, onError: 'fail' as const },
    { id: 'say', type: 'template', config: { template: 'n = {{ start.n }}' }, onError: 'fail' as const },
    { id: 'end', type: 'output', config: { value: '{{ say.text }}' }, onError: 'fail' as const },
  ],
  edges: [
    { from: 'start', to: 'say' },
    { from: 'say', to: 'end' },
  ],
};

/**
 * Runs a second through the run service (in-process executor, recorder, SQLite on its writer
 * thread) with the OTLP export off, to a collector that answers, and to one that is down: the
 * export must not cost the runs.
 */
async function exportOverhead(): Promise<BenchRow[]> {
  let received = 0;
  const collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const live = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  const dead = await new Promise<string>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
  const rows: BenchRow[] = [];
  const runs = 3_000;
  // The first configuration is a warm-up (JIT, page cache) and is not reported.
  for (const [name, endpoint] of [
    ['warm-up', undefined],
    ['export off', undefined],
    ['collector answering', live],
    ['collector down', dead],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-bench-otlp-'));
    const storage = createSqliteStorage(dir, { writerThread: true });
    await storage.flows.create(QUICK_FLOW, Date.now());
    const config = readConfig({
      TAILOR_DATA_DIR: dir,
      TAILOR_CONCURRENCY: '64',
      ...(endpoint ? { TAILOR_OTLP_ENDPOINT: endpoint } : {}),
    });
    const { context, dispose } = await createServerContext({ config, storage, env: {}, log: () => undefined });
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < runs) {
        const n = next++;
        const run = await context.runs.start('quick', { inputs: { n }, version: 'draft', source: 'api' });
        const end = await run.ended;
        if (end.status !== 'succeeded') throw new Error(`run ${n} ${end.status}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    const seconds = (performance.now() - started) / 1000;
    await dispose();
    const stats = context.telemetry?.stats();
    if (name !== 'warm-up')
      rows.push({
        area: 'dashboard',
        metric: `runs/s with OTLP ${name}${stats ? ` (exported ${stats.exportedRuns}, dropped ${stats.droppedRuns})` : ''}`,
        value: runs / seconds,
        unit: 'runs/s',
      });
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
  collector.close();
  rows.push({ area: 'dashboard', metric: 'OTLP requests the answering collector received', value: received, unit: '' });
  return rows;
}

const area: BenchArea = {
  name: 'dashboard',
  async run() {
    if (process.env.TAILOR_BENCH_DASHBOARD_ONLY === 'export') return exportOverhead();
    const dir = mkdtempSync(join(tmpdir(), 'tailor-bench-dashboard-'));
    const now = Date.now();
    const rows: BenchRow[] = [];
    try {
      const fillSeconds = fillRuns(dir, RUNS, now);
      const label = RUNS === 1_000_000 ? '1M' : String(RUNS);
      rows.push({ area: 'dashboard', metric: `fill ${label} runs (one transaction)`, value: fillSeconds, unit: 's' });
      const storage = createSqliteStorage(dir);

      const filters: Array<[string, Partial<RunFilterInput>]> = [
        ['newest', {}],
        ['by flow', { flowId: 'flow-7' }],
        ['by status failed', { status: 'failed' }],
        ['by flow and status', { flowId: 'flow-7', status: 'cancelled' }],
        ['last 24 h', { from: now - DAY }],
        ['a day two weeks ago', { from: now - 15 * DAY, to: now - 14 * DAY }],
        ['flow + a day two weeks ago', { flowId: 'flow-3', from: now - 15 * DAY, to: now - 14 * DAY }],
        ['slower than 5 s', { minDurationMs: 5_000 }],
        ['flow + slower than 900 ms', { flowId: 'flow-7', minDurationMs: 900 }],
        ['end user', { endUserId: 'user-42' }],
        ['text "warranty"', { q: 'warranty' }],
      ];
      for (const [name, filter] of filters) {
        const times: number[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 100; i++) {
          const page = await timed(times, () =>
            storage.runs.list(RunFilterSchema.parse({ limit: 50, ...filter, ...(cursor ? { cursor } : {}) })),
          );
          cursor = i % 10 === 9 ? null : page.nextCursor; // first pages and the nine after each
        }
        times.sort((a, b) => a - b);
        rows.push({
          area: 'dashboard',
          metric: `runs list, ${label} runs, page of 50: ${name} (p50 / p99 ${percentile(times, 99).toFixed(1)} ms)`,
          value: percentile(times, 50),
          unit: 'ms',
          goal: '< 50',
        });
      }

      const aggregations: Array<[string, string | undefined, number, number]> = [
        ['one flow, 24 h, hourly', 'flow-7', DAY, 5],
        ['all flows, 24 h, hourly', undefined, DAY, 3],
        ['one flow, 30 days, daily', 'flow-7', MONTH, 3],
        [`all flows, 30 days, daily (${label} runs)`, undefined, MONTH, 2],
      ];
      for (const [name, flowId, span, repeat] of aggregations) {
        const times: number[] = [];
        let runs = 0;
        for (let i = 0; i < repeat; i++) {
          const metrics = await timed(times, () =>
            storage.runs.metrics(resolveMetricsRange({ from: now - span, to: now + 1 }, flowId, now)),
          );
          runs = metrics.total.runs;
        }
        times.sort((a, b) => a - b);
        rows.push({
          area: 'dashboard',
          metric: `metrics: ${name}, ${runs} runs (median)`,
          value: percentile(times, 50),
          unit: 'ms',
        });
      }
      await storage.close();
      return [...rows, ...(await exportOverhead())];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default area;
