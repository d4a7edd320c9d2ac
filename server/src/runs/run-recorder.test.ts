import type { RunEvent } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { type RunFinish, type RunStore, type RunWrite, wholeRun } from '../storage/run-store.js';
import { RunRecorder } from './run-recorder.js';

function memoryStore(): RunStore & { batches: RunWrite[][] } {
  const batches: RunWrite[][] = [];
  return {
    batches,
    write: async (batch) => {
      batches.push([...batch]);
    },
    get: async () => undefined,
    list: async () => ({ runs: [], nextCursor: null }),
    markInterrupted: async () => [],
    deleteStartedBefore: async () => 0,
    metrics: async () => {
      throw new Error('not used by the recorder');
    },
  };
}

const start = (id: string) => ({
  schema: 'tailor.run/v1' as const,
  id,
  flowId: 'f',
  inputs: {},
  startedAt: 1,
  source: 'api' as const,
});
const finish = (runId: string) => ({ runId, status: 'succeeded' as const, endedAt: 2, durationMs: 1, nodes: [] });
const nodeStart = (runId: string, seq: number): RunEvent => ({
  type: 'node.start',
  runId,
  seq,
  at: 1,
  nodeId: 'a',
  nodeType: 'template',
  attempt: 1,
});

describe('run recorder', () => {
  it('writes a run that ends before the next write as one whole run', async () => {
    const store = memoryStore();
    const recorder = new RunRecorder(store);
    recorder.begin(start('r1'));
    recorder.event(nodeStart('r1', 2));
    recorder.finish(finish('r1'));
    await recorder.flush();
    expect(store.batches.flat().map((w) => w.kind)).toEqual(['whole']);
  });

  it("keeps every field of the run's start and end in the whole run", async () => {
    const store = memoryStore();
    const recorder = new RunRecorder(store);
    const end: RunFinish = {
      runId: 'r0',
      status: 'failed',
      output: { text: 'partial' },
      error: { code: 'NODE_FAILED', message: 'no' },
      endedAt: 5,
      durationMs: 4,
      usage: { input: 1, output: 2 },
      nodes: [{ nodeId: 'a', type: 'template', status: 'failed', attempts: 1, logs: [] }],
    };
    recorder.begin({ ...start('r0'), sessionId: 's', flowVersion: 3 });
    recorder.finish(end);
    await recorder.flush();
    const [write] = store.batches.flat();
    expect(write).toEqual({ kind: 'whole', run: wholeRun({ ...start('r0'), sessionId: 's', flowVersion: 3 }, end) });
  });

  it('writes the start, then node progress, then the end of a longer run', async () => {
    const store = memoryStore();
    const recorder = new RunRecorder(store);
    recorder.begin(start('r2'));
    recorder.event(nodeStart('r2', 2));
    await recorder.flush();
    recorder.finish(finish('r2'));
    await recorder.flush();
    expect(store.batches.map((batch) => batch.map((w) => w.kind))).toEqual([['start', 'nodes'], ['finish']]);
    const nodes = store.batches[0]?.[1];
    expect(nodes?.kind === 'nodes' && nodes.nodes[0]).toMatchObject({
      nodeId: 'a',
      status: 'running',
      type: 'template',
    });
  });

  it('groups many runs into one write', async () => {
    const store = memoryStore();
    const recorder = new RunRecorder(store, { intervalMs: 1_000 });
    for (let i = 0; i < 50; i++) recorder.begin(start(`r${i}`));
    await recorder.flush();
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]).toHaveLength(50);
  });
});
