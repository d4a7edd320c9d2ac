import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { CanvasNode } from './derive.js';
import { endDrag, foldPositionChanges, withLivePositions } from './node-drag.js';

const move = (id: string, x: number, y: number, dragging: boolean): NodeChange<CanvasNode> => ({
  type: 'position',
  id,
  position: { x, y },
  dragging,
});

function canvasNodes(count: number): CanvasNode[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: 'tailor' as const,
    position: { x: i * 10, y: 0 },
    data: { node: { id: `n${i}`, type: 'template', config: {}, onError: 'fail' as const } },
  }));
}

describe('live drag positions', () => {
  it('keeps mouse moves out of the document and commits every moved node once on release', () => {
    let folded = foldPositionChanges(null, [move('a', 1, 1, true)]);
    expect(folded).toEqual({ live: { a: { x: 1, y: 1 } }, commit: null });
    folded = foldPositionChanges(folded.live, [move('a', 5, 5, true), move('b', 7, 7, true)]);
    expect(folded.commit).toBeNull();
    folded = foldPositionChanges(folded.live, [move('a', 9, 9, false), move('b', 8, 8, false)]);
    expect(folded).toEqual({ live: null, commit: { a: { x: 9, y: 9 }, b: { x: 8, y: 8 } } });
  });

  it('treats a keyboard move (no drag before it) as a committed move', () => {
    expect(foldPositionChanges(null, [move('a', 3, 4, false)])).toEqual({ live: null, commit: { a: { x: 3, y: 4 } } });
  });

  it('leaves the live state as it was when the changes move nothing', () => {
    const live = { a: { x: 1, y: 1 } };
    const folded = foldPositionChanges(live, [{ type: 'select', id: 'a', selected: true }]);
    expect(folded.live).toBe(live);
    expect(folded.commit).toBeNull();
  });

  it('commits what moved when React Flow ends a drag without a final position', () => {
    expect(endDrag({ a: { x: 2, y: 2 } })).toEqual({ live: null, commit: { a: { x: 2, y: 2 } } });
    expect(endDrag(null)).toEqual({ live: null, commit: null });
  });

  it('gives only the moving node a new object, so the other nodes are skipped by React', () => {
    const nodes = canvasNodes(300);
    expect(withLivePositions(nodes, null)).toBe(nodes);
    const shown = withLivePositions(nodes, { n5: { x: 999, y: 1 } });
    expect(shown[5]?.position).toEqual({ x: 999, y: 1 });
    expect(shown.filter((node, i) => node !== nodes[i]).map((node) => node.id)).toEqual(['n5']);
  });
});
