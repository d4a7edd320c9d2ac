import { type FlowDocument, FlowDocumentSchema } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { placeUnplacedNodes } from './layout.js';

function chain(ids: string[], positions?: Record<string, { x: number; y: number }>): FlowDocument {
  return FlowDocumentSchema.parse({
    schema: 'tailor.flow/v1',
    id: 'f',
    name: 'F',
    nodes: ids.map((id) => ({ id, type: 'template', config: { template: 'x' } })),
    edges: ids.slice(1).map((id, i) => ({ from: ids[i] ?? '', to: id })),
    ...(positions ? { ui: { positions } } : {}),
  });
}

describe('placeUnplacedNodes', () => {
  it('lays out a flow without positions left to right, no two nodes at the same place', () => {
    const placed = placeUnplacedNodes(chain(['a', 'b', 'c']));
    const positions = placed.ui?.positions ?? {};
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c']);
    expect(positions.a?.x).toBeLessThan(positions.b?.x ?? 0);
    expect(positions.b?.x).toBeLessThan(positions.c?.x ?? 0);
  });

  it('keeps the positions the author chose and returns the same document when all are placed', () => {
    const complete = chain(['a', 'b'], { a: { x: 5, y: 6 }, b: { x: 500, y: 6 } });
    expect(placeUnplacedNodes(complete)).toBe(complete);
    const partial = placeUnplacedNodes(chain(['a', 'b'], { a: { x: 5, y: 6 } }));
    expect(partial.ui?.positions?.a).toEqual({ x: 5, y: 6 });
    expect(partial.ui?.positions?.b).toBeDefined();
  });
});
