import type { FlowDocument } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { cutFragment, defaultsOf, nextNodeId, relabelFragment } from './node-factory.js';

const doc: FlowDocument = {
  schema: 'tailor.flow/v1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'a', type: 'input', config: {}, onError: 'fail' },
    { id: 'b', type: 'template', config: {}, onError: 'fail' },
  ],
  edges: [{ from: 'a', to: 'b' }],
  ui: { positions: { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } } },
};

describe('node factory', () => {
  it('numbers ids of the same type', () => {
    expect(nextNodeId('model', new Set(['model', 'model_2']))).toBe('model_3');
  });
  it('reads defaults from a config schema', () => {
    expect(defaultsOf({ properties: { topK: { type: 'number', default: 4 }, query: { type: 'string' } } })).toEqual({
      topK: 4,
    });
  });
  it('pastes a copy with fresh ids, its inner edges and offset positions', () => {
    const pasted = relabelFragment(cutFragment(doc, new Set(['a', 'b'])), doc, { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['a_2', 'b_2']);
    expect(pasted.edges).toEqual([{ from: 'a_2', to: 'b_2' }]);
    expect(pasted.positions.b_2).toEqual({ x: 140, y: 40 });
  });
});
