import type { NodeRecord } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { diffRuns } from './run-diff.js';

const node = (nodeId: string, status: NodeRecord['status'], output: unknown, durationMs?: number): NodeRecord => ({
  nodeId,
  type: 'x',
  status,
  output,
  attempts: 1,
  logs: [],
  ...(durationMs !== undefined ? { durationMs } : {}),
});

describe('diffRuns', () => {
  it('pairs nodes by id and says what changed', () => {
    const a = { nodes: [node('start', 'succeeded', 1, 1), node('answer', 'succeeded', 'yes', 100)] };
    const b = {
      nodes: [node('start', 'succeeded', 1, 2), node('answer', 'failed', undefined, 40), node('extra', 'succeeded', 2)],
    };
    const diff = diffRuns(a, b);
    expect(diff.map((d) => [d.nodeId, d.statusChanged, d.outputChanged, d.durationDeltaMs])).toEqual([
      ['start', false, false, 1],
      ['answer', true, true, -60],
      ['extra', true, true, undefined],
    ]);
  });
});
