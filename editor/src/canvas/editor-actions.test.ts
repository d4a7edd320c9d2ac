import type { FlowDocument } from '@tailor/runtime/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { canvasStore } from '../state/canvas-store.js';
import { flowStore } from '../state/flow-store.js';
import { copySelection, deleteSelection, duplicateSelection, paste } from './editor-actions.js';

function flow(id: string, nodes: string[]): FlowDocument {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: id,
    nodes: nodes.map((nodeId) => ({
      id: nodeId,
      type: 'template',
      config: { template: `{{ start.q }}` },
      onError: 'fail',
    })),
    edges: nodes.slice(1).map((to, i) => ({ from: nodes[i] as string, to })),
    ui: { positions: Object.fromEntries(nodes.map((nodeId, i) => [nodeId, { x: i * 100, y: 0 }])) },
  };
}

beforeEach(() => {
  localStorage.clear();
  canvasStore.getState().reset();
});

describe('editor actions', () => {
  it('copies nodes in one flow and pastes them, with their inner edge, into another', () => {
    flowStore.getState().load(flow('a', ['start', 'x', 'y']), 1);
    canvasStore.getState().select(['x', 'y']);
    copySelection();
    flowStore.getState().load(flow('b', ['start', 'x']), 1);
    paste();
    const doc = flowStore.getState().doc;
    expect(doc?.nodes.map((n) => n.id)).toEqual(['start', 'x', 'x_2', 'y']);
    expect(doc?.edges).toContainEqual({ from: 'x_2', to: 'y' });
    expect([...canvasStore.getState().selectedNodes]).toEqual(['x_2', 'y']);
  });

  it('duplicates the selection and one undo removes the copies', () => {
    flowStore.getState().load(flow('a', ['start', 'x']), 1);
    canvasStore.getState().select(['x']);
    duplicateSelection();
    expect(flowStore.getState().doc?.nodes).toHaveLength(3);
    flowStore.getState().undo();
    expect(flowStore.getState().doc?.nodes.map((n) => n.id)).toEqual(['start', 'x']);
  });

  it('deletes selected nodes and edges as one undoable step', () => {
    flowStore.getState().load(flow('a', ['start', 'x', 'y']), 1);
    canvasStore.getState().select(['y'], ['start:out->x']);
    deleteSelection();
    expect(flowStore.getState().doc?.nodes.map((n) => n.id)).toEqual(['start', 'x']);
    expect(flowStore.getState().doc?.edges).toEqual([]);
    flowStore.getState().undo();
    expect(flowStore.getState().doc?.edges).toHaveLength(2);
  });
});
