import type { FlowDocument } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { createFlowStore } from './flow-store.js';

function doc(): FlowDocument {
  return {
    schema: 'tailor.flow/v1',
    id: 'faq',
    name: 'FAQ',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [] }, onError: 'fail' },
      { id: 'answer', type: 'template', config: { template: 'Hi {{ start.question }}' }, onError: 'fail' },
    ],
    edges: [{ from: 'start', to: 'answer' }],
    ui: { positions: { start: { x: 0, y: 0 }, answer: { x: 200, y: 0 } } },
  };
}

function loaded() {
  const store = createFlowStore();
  store.getState().load(doc(), 1);
  return store;
}

describe('flow store', () => {
  it('removing a node removes its edges and undo brings both back', () => {
    const store = loaded();
    store.getState().apply({ kind: 'nodes.remove', ids: ['answer'] });
    expect(store.getState().doc?.edges).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc).toEqual(doc());
  });

  it('redo re-applies what undo took back', () => {
    const store = loaded();
    store.getState().apply({ kind: 'edges.remove', edges: [{ from: 'start', to: 'answer' }] });
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().doc?.edges).toEqual([]);
  });

  it('a new edit clears the redo stack', () => {
    const store = loaded();
    store.getState().apply({ kind: 'flow.meta', name: 'One' });
    store.getState().undo();
    store.getState().apply({ kind: 'flow.meta', name: 'Two' });
    expect(store.getState().history.future).toEqual([]);
  });

  it('typing into one field in quick succession is one undo step', () => {
    const store = loaded();
    for (const text of ['H', 'He', 'Hey']) {
      store
        .getState()
        .apply({ kind: 'node.update', id: 'answer', patch: { config: { template: text } } }, 'answer.template');
    }
    store.getState().undo();
    expect(store.getState().doc?.nodes[1]?.config).toEqual({ template: 'Hi {{ start.question }}' });
  });

  it('a move committed at the end of a drag is one undo step back to where it started', () => {
    const store = loaded();
    store.getState().apply({ kind: 'nodes.move', positions: { answer: { x: 400, y: 50 } } });
    expect(store.getState().doc?.ui?.positions?.answer).toEqual({ x: 400, y: 50 });
    store.getState().undo();
    expect(store.getState().doc?.ui?.positions?.answer).toEqual({ x: 200, y: 0 });
  });

  it('renaming a node rewrites edges, positions and references to it', () => {
    const store = loaded();
    store.getState().apply({ kind: 'node.rename', id: 'start', to: 'ask' });
    const next = store.getState().doc;
    expect(next?.edges).toEqual([{ from: 'ask', to: 'answer' }]);
    expect(next?.nodes[1]?.config).toEqual({ template: 'Hi {{ ask.question }}' });
    expect(next?.ui?.positions?.ask).toEqual({ x: 0, y: 0 });
  });

  it('refuses to rename a node to an id already taken', () => {
    const store = loaded();
    store.getState().apply({ kind: 'node.rename', id: 'start', to: 'answer' });
    expect(store.getState().doc?.nodes.map((n) => n.id)).toEqual(['start', 'answer']);
  });

  it('edits mark the draft dirty, and a save of the current version marks it saved', () => {
    const store = loaded();
    store.getState().apply({ kind: 'flow.meta', name: 'New' });
    expect(store.getState().saveState).toBe('dirty');
    store.getState().markSaved(2, store.getState().version);
    expect(store.getState()).toMatchObject({ saveState: 'saved', revision: 2 });
  });

  it('a conflict stays shown while editing goes on', () => {
    const store = loaded();
    store.getState().markSaveFailed(true, 'edited elsewhere');
    store.getState().apply({ kind: 'flow.meta', name: 'Mine' });
    expect(store.getState().saveState).toBe('conflict');
  });

  it('does not add an edge twice nor an edge from a node to itself', () => {
    const store = loaded();
    store.getState().apply({
      kind: 'edges.add',
      edges: [
        { from: 'start', to: 'answer' },
        { from: 'answer', to: 'answer' },
      ],
    });
    expect(store.getState().doc?.edges).toHaveLength(1);
  });
});
