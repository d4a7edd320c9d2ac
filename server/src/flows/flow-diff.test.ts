import type { FlowDocument } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { diffFlows } from './flow-diff.js';

const base: FlowDocument = {
  schema: 'tailor.flow/v1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'a', type: 'input', config: { fields: [] }, onError: 'fail' },
    { id: 'b', type: 'template', config: { template: 'x' }, onError: 'fail' },
  ],
  edges: [{ from: 'a', to: 'b' }],
};

describe('flow diff', () => {
  it('names added, removed and changed nodes and edges, ignoring positions', () => {
    const next: FlowDocument = {
      ...base,
      name: 'G',
      nodes: [
        { id: 'a', type: 'input', config: { fields: [] }, onError: 'fail' },
        { id: 'b', type: 'template', config: { template: 'y' }, onError: 'fail', timeoutMs: 1000 },
        { id: 'c', type: 'output', config: { value: 1 }, onError: 'fail' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
      ui: { positions: { a: { x: 1, y: 2 } } },
    };
    expect(diffFlows(base, next)).toEqual({
      nodes: { added: ['c'], removed: [], changed: { b: ['timeoutMs', 'config.template'] } },
      edges: { added: ['b->c'], removed: [] },
      fields: ['name'],
    });
  });

  it('finds nothing between equal documents', () => {
    expect(diffFlows(base, structuredClone(base))).toEqual({
      nodes: { added: [], removed: [], changed: {} },
      edges: { added: [], removed: [] },
      fields: [],
    });
  });
});
