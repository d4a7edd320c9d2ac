import { describe, expect, it } from 'vitest';
import { applyLiveEvent, prependRun, type RunRow, summaryFromStart } from './live-runs.js';

const base = { runId: 'r1', at: 1000 };
const running: RunRow = { id: 'r1', flowId: 'faq', status: 'running', startedAt: 1000 };

describe('live runs', () => {
  it('turns a run.start into a running row', () => {
    const row = summaryFromStart({ ...base, seq: 1, type: 'run.start', flowId: 'faq', inputs: {} });
    expect(row).toEqual(running);
  });

  it('shows the top-level node a running run is at, not nested ones', () => {
    const start = { ...base, seq: 2, type: 'node.start' as const, nodeType: 'llm', attempt: 1 };
    expect(applyLiveEvent([running], { ...start, nodeId: 'answer' })[0]?.currentNode).toBe('answer');
    expect(
      applyLiveEvent([running], { ...start, nodeId: 'inner', scope: ['loop', '0'] })[0]?.currentNode,
    ).toBeUndefined();
  });

  it('adds node tokens while running', () => {
    const end = {
      ...base,
      seq: 3,
      type: 'node.end' as const,
      nodeId: 'a',
      output: 1,
      ports: ['out'],
      durationMs: 5,
      attempts: 1,
    };
    const once = applyLiveEvent([running], { ...end, usage: { input: 10, output: 5 } });
    const twice = applyLiveEvent(once, { ...end, usage: { input: 1, output: 1 } });
    expect(twice[0]?.usage).toEqual({ input: 11, output: 6 });
  });

  it('ends a row with status, duration and error', () => {
    const rows = applyLiveEvent([{ ...running, currentNode: 'a' }], {
      ...base,
      at: 1400,
      seq: 4,
      type: 'run.end',
      status: 'failed',
      durationMs: 400,
      error: { code: 'NODE_FAILED', message: 'boom' },
    });
    expect(rows[0]).toEqual({
      ...running,
      status: 'failed',
      endedAt: 1400,
      durationMs: 400,
      error: { code: 'NODE_FAILED', message: 'boom' },
    });
  });

  it('leaves unknown runs alone and never adds a run twice', () => {
    const rows = [running];
    expect(
      applyLiveEvent(rows, { ...base, runId: 'other', seq: 2, type: 'run.end', status: 'succeeded', durationMs: 1 }),
    ).toBe(rows);
    expect(prependRun(rows, running)).toBe(rows);
    expect(prependRun(rows, { ...running, id: 'r2' }).map((r) => r.id)).toEqual(['r2', 'r1']);
  });
});
