import { createRequire } from 'node:module';
import { catalogue } from '@tailor/nodes';
import { type CodeSandboxHost, CodeSandboxService, createCodeSandbox, ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import type IsolatedVm from 'isolated-vm';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

/**
 * The code sandbox: a warm `code` node call on a small snippet, a fresh context per run, next to
 * bare isolated-vm calls (same context; a new context each time), plus cold start and sustained
 * throughput. Warm calls are paced by `sandbox.ready()` (contexts are prepared between calls, off
 * the measured path); bare calls by one setImmediate, so both start from an idle event loop.
 */
const SNIPPET = 'return inputs.a + inputs.b';
const INPUTS = { a: 1, b: 2 };
const LIMITS = { timeoutMs: 5_000, memoryMb: 64 };

// The same isolated-vm the runtime loads, for the bare floors.
const ivm = createRequire(import.meta.resolve('@tailor/runtime'))('isolated-vm') as typeof IsolatedVm;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Every warm call starts after the same idle gap, as calls spaced out by other work would. */
const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

async function timed(count: number, before: () => Promise<unknown>, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    await before();
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return times.sort((a, b) => a - b);
}

async function sandboxCalls(sandbox: CodeSandboxHost, count: number): Promise<number[]> {
  await timed(
    200,
    () => sandbox.ready(),
    () => sandbox.run(SNIPPET, INPUTS, LIMITS),
  );
  return timed(
    count,
    () => sandbox.ready(),
    () => sandbox.run(SNIPPET, INPUTS, LIMITS),
  );
}

async function codeNodeCalls(sandbox: CodeSandboxHost, count: number): Promise<number[]> {
  const services = new ServiceRegistry().provide(CodeSandboxService, sandbox);
  const codeNode = catalogue.get('code');
  if (!codeNode) throw new Error('the catalogue has no code node');
  const call = () => runNodeForTest(codeNode, { inputs: INPUTS, code: SNIPPET }, { services, timeoutMs: 5_000 });
  const before = () => Promise.all([sandbox.ready(), idle()]);
  await timed(200, before, call);
  return timed(count, before, call);
}

/** isolated-vm alone: one isolate, the script compiled once; the same context or a new one each call. */
async function bareCalls(count: number, freshContext: boolean, pace: () => Promise<unknown>): Promise<number[]> {
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  const script = await isolate.compileScript('(async (inputs) => JSON.stringify(inputs.a + inputs.b))({ a: 1, b: 2 })');
  const shared = await isolate.createContext();
  const call = async () => {
    const context = freshContext ? await isolate.createContext() : shared;
    await script.run(context, { promise: true, timeout: 5_000 });
    if (freshContext) context.release();
  };
  await timed(200, pace, call);
  const times = await timed(count, pace, call);
  isolate.dispose();
  return times;
}

async function coldStarts(count: number): Promise<number[]> {
  return timed(count, nextTick, async () => {
    const sandbox = createCodeSandbox({ warmIsolates: 0 });
    await sandbox.run(SNIPPET, INPUTS, LIMITS);
    sandbox.dispose();
  });
}

async function sustainedPerSecond(sandbox: CodeSandboxHost, count: number): Promise<number> {
  await sandbox.ready();
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await sandbox.run(SNIPPET, INPUTS, LIMITS);
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

function row(metric: string, value: number, extra: Partial<BenchRow> = {}): BenchRow {
  return { area: 'sandbox', metric, value, unit: 'µs', ...extra };
}

async function run(): Promise<BenchRow[]> {
  const bareHot = await bareCalls(2_000, false, nextTick);
  const bareWarm = await bareCalls(2_000, false, idle);
  const bareFresh = await bareCalls(500, true, idle);
  const sandbox = createCodeSandbox();
  await sandbox.ready();
  const calls = await sandboxCalls(sandbox, 3_000);
  const node = await codeNodeCalls(sandbox, 2_000);
  const throughput = await sustainedPerSecond(sandbox, 2_000);
  sandbox.dispose();
  const asyncOnly = createCodeSandbox({ syncBudgetMs: 0 });
  await asyncOnly.ready();
  const asyncCalls = await sandboxCalls(asyncOnly, 1_000);
  asyncOnly.dispose();
  const cold = await coldStarts(10);
  const floor = percentile(bareWarm, 50);
  return [
    row('code node call, warm, fresh context: p50', percentile(node, 50), { floor, goal: '< 100 µs' }),
    row('code node call, warm, fresh context: p99', percentile(node, 99), { floor: percentile(bareWarm, 99) }),
    row('sandbox.run, warm, fresh context: p50', percentile(calls, 50), { floor }),
    row('sandbox.run, warm, fresh context: p99', percentile(calls, 99)),
    row('sandbox.run, synchronous path off (every call on a worker thread): p50', percentile(asyncCalls, 50), {
      floor,
    }),
    row('bare isolated-vm call, same context: p50', floor),
    row('bare isolated-vm call, same context, back to back: p50', percentile(bareHot, 50)),
    row('bare isolated-vm call, new context each time: p50', percentile(bareFresh, 50)),
    row('cold start (new sandbox, first run): median', percentile(cold, 50)),
    { area: 'sandbox', metric: 'sustained back-to-back runs (fresh context each)', value: throughput, unit: 'runs/s' },
  ];
}

const area: BenchArea = { name: 'sandbox', run };
export default area;
