import type { NodeRecord } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { axisTicks, layoutWaterfall } from './waterfall-layout.js';

function node(
  nodeId: string,
  startedAt: number | undefined,
  durationMs?: number,
  extra: Partial<NodeRecord> = {},
): NodeRecord {
  return {
    nodeId,
    type: 'x',
    status: startedAt === undefined ? 'skipped' : 'succeeded',
    attempts: 1,
    logs: [],
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(durationMs !== undefined ? { durationMs, endedAt: (startedAt ?? 0) + durationMs } : {}),
    ...extra,
  };
}

describe('layoutWaterfall', () => {
  it('places bars relative to the run start in percent of the run', () => {
    const { totalMs, rows } = layoutWaterfall(
      { startedAt: 1000, durationMs: 200, nodes: [node('a', 1000, 50), node('b', 1050, 150)] },
      0,
    );
    expect(totalMs).toBe(200);
    expect(rows.map((r) => [r.key, r.left, r.width])).toEqual([
      ['a', 0, 25],
      ['b', 25, 75],
    ]);
  });

  it('marks branches that ran at the same time as parallel', () => {
    const { rows } = layoutWaterfall(
      {
        startedAt: 0,
        durationMs: 100,
        nodes: [node('in', 0, 10), node('left', 10, 50), node('right', 12, 60), node('join', 72, 20)],
      },
      0,
    );
    expect(rows.map((r) => [r.key, r.parallel])).toEqual([
      ['in', false],
      ['left', true],
      ['right', true],
      ['join', false],
    ]);
  });

  it('indents loop items under their node with a header spanning them', () => {
    const loop = node('loop', 0, 100, {
      children: [
        { label: '0', nodes: [node('sum', 10, 20)] },
        { label: '1', nodes: [node('sum', 40, 30)] },
      ],
    });
    const { rows } = layoutWaterfall({ startedAt: 0, durationMs: 100, nodes: [loop] }, 0);
    expect(rows.map((r) => [r.key, r.kind, r.depth])).toEqual([
      ['loop', 'node', 0],
      ['loop/0', 'group', 1],
      ['loop/0/sum', 'node', 2],
      ['loop/1', 'group', 1],
      ['loop/1/sum', 'node', 2],
    ]);
    expect(rows[3]).toMatchObject({ offsetMs: 40, durationMs: 30 });
  });

  it('keeps skipped nodes as rows without a bar and closes running ones at now', () => {
    const { rows, totalMs } = layoutWaterfall(
      { startedAt: 0, nodes: [node('skip', undefined), node('run', 0, undefined, { status: 'running' })] },
      80,
    );
    expect(rows[0]?.width).toBe(0);
    expect(rows[0]?.offsetMs).toBeUndefined();
    expect(totalMs).toBe(80);
    expect(rows[1]).toMatchObject({ width: 100 });
  });
});

describe('axisTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(axisTicks(1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(37, 4)).toEqual([0, 10, 20, 30]);
  });
});
