import type { RunEvent } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { applyRunEvent, IDLE_RUN, type RunView, startingRun } from './run-state.js';

let seq = 0;
const at = 1_000;
function ev<T extends RunEvent['type']>(
  type: T,
  rest: Omit<Extract<RunEvent, { type: T }>, 'type' | 'seq' | 'at' | 'runId'>,
) {
  seq += 1;
  return { type, runId: 'r1', seq, at: at + seq, ...rest } as unknown as RunEvent;
}
function fold(events: RunEvent[], from: RunView = IDLE_RUN): RunView {
  return events.reduce(applyRunEvent, from);
}

describe('applyRunEvent', () => {
  it('marks a node running, then succeeded with its output and duration', () => {
    seq = 0;
    const view = fold([
      ev('run.start', { flowId: 'f', inputs: { q: 'hi' } }),
      ev('node.start', { nodeId: 'a', nodeType: 'model', attempt: 1 }),
      ev('node.end', { nodeId: 'a', output: { text: 'ok' }, ports: ['out'], durationMs: 12, attempts: 1 }),
    ]);
    expect(view.status).toBe('running');
    expect(view.nodes.a).toMatchObject({ status: 'succeeded', output: { text: 'ok' }, durationMs: 12 });
  });

  it('appends streamed text in order', () => {
    seq = 0;
    const view = fold([
      ev('run.start', { flowId: 'f', inputs: {} }),
      ev('node.start', { nodeId: 'a', nodeType: 'model', attempt: 1 }),
      ev('node.delta', { nodeId: 'a', text: 'Hel' }),
      ev('node.delta', { nodeId: 'a', text: 'lo' }),
    ]);
    expect(view.nodes.a?.text).toBe('Hello');
  });

  it('ignores an event it has already applied (a resumed subscription replays it)', () => {
    seq = 0;
    const start = ev('run.start', { flowId: 'f', inputs: {} });
    const delta = { ...ev('node.delta', { nodeId: 'a', text: 'x' }) };
    const view = fold([start, delta, delta]);
    expect(view.nodes.a?.text).toBe('x');
  });

  it('ignores events of another run', () => {
    seq = 0;
    const view = fold([ev('run.start', { flowId: 'f', inputs: {} })]);
    const other = { ...ev('node.start', { nodeId: 'a', nodeType: 'x', attempt: 1 }), runId: 'r2' } as RunEvent;
    expect(applyRunEvent(view, other)).toBe(view);
  });

  it('records skips with their reason and failures with their error', () => {
    seq = 0;
    const view = fold([
      ev('run.start', { flowId: 'f', inputs: {} }),
      ev('node.skip', { nodeId: 'b', reason: 'branch not taken' }),
      ev('node.error', {
        nodeId: 'c',
        error: { code: 'NODE_TIMEOUT', message: 'too slow' },
        attempts: 2,
        durationMs: 50,
        handled: 'fail',
      }),
      ev('run.end', { status: 'failed', durationMs: 60, error: { code: 'NODE_TIMEOUT', message: 'too slow' } }),
    ]);
    expect(view.nodes.b).toMatchObject({ status: 'skipped', skipReason: 'branch not taken' });
    expect(view.nodes.c).toMatchObject({ status: 'failed', attempt: 2, error: { code: 'NODE_TIMEOUT' } });
    expect(view).toMatchObject({ status: 'failed', durationMs: 60 });
  });

  it('clears streamed text when a node is retried', () => {
    seq = 0;
    const view = fold([
      ev('run.start', { flowId: 'f', inputs: {} }),
      ev('node.start', { nodeId: 'a', nodeType: 'model', attempt: 1 }),
      ev('node.delta', { nodeId: 'a', text: 'broken' }),
      ev('node.start', { nodeId: 'a', nodeType: 'model', attempt: 2 }),
      ev('node.delta', { nodeId: 'a', text: 'good' }),
    ]);
    expect(view.nodes.a).toMatchObject({ text: 'good', attempt: 2, status: 'running' });
  });

  it('counts nested node ends toward their top-level node without adding nested nodes', () => {
    seq = 0;
    const view = fold([
      ev('run.start', { flowId: 'f', inputs: {} }),
      ev('node.start', { nodeId: 'loop', nodeType: 'loop', attempt: 1 }),
      ev('node.end', { nodeId: 'inner', scope: ['loop', '0'], output: 1, ports: ['out'], durationMs: 1, attempts: 1 }),
      ev('node.end', { nodeId: 'inner', scope: ['loop', '1'], output: 2, ports: ['out'], durationMs: 1, attempts: 1 }),
    ]);
    expect(view.nodes.loop?.nestedDone).toBe(2);
    expect(view.nodes.inner).toBeUndefined();
  });

  it('accepts the first events of a run the editor has just started', () => {
    seq = 0;
    const view = fold([ev('run.start', { flowId: 'f', inputs: {} })], startingRun('r1'));
    expect(view).toMatchObject({ runId: 'r1', status: 'running', lastSeq: 1 });
  });
});
