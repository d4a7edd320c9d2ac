import { describe, expect, it } from 'vitest';
import { cycleThrough, orderGraph } from './graph-order.js';

describe('orderGraph', () => {
  it('knows who reaches whom through fan-outs and joins', () => {
    // 0 → 1 → 3, 0 → 2 → 3, 4 alone
    const order = orderGraph(5, [[1, 2], [3], [3], [], []]);
    expect(order.reaches(0, 3)).toBe(true);
    expect(order.reaches(1, 2)).toBe(false);
    expect(order.reaches(3, 0)).toBe(false);
    expect(order.reaches(4, 3)).toBe(false);
    expect(order.cyclic).toEqual([]);
  });

  it('handles a chain of 20,000 nodes without deep recursion', () => {
    const size = 20_000;
    const successors = Array.from({ length: size }, (_, index) => (index + 1 < size ? [index + 1] : []));
    const order = orderGraph(size, successors);
    expect(order.reaches(0, size - 1)).toBe(true);
    expect(order.reaches(size - 1, 0)).toBe(false);
  });

  it('finds the shortest cycle through a node, in order', () => {
    // 0 → 1 → 2 → 0 and 2 → 3 → 1
    const successors = [[1], [2], [0, 3], [1]];
    const order = orderGraph(4, successors);
    expect(order.cyclic).toHaveLength(1);
    expect(cycleThrough(0, order, successors)).toEqual([0, 1, 2, 0]);
    expect(order.reaches(3, 3)).toBe(true);
  });
});
