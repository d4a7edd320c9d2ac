import type { FlowDocument } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { ancestorsOf, referencedUpstream, singleNodeRun } from './single-node-run.js';

const flow: FlowDocument = {
  schema: 'tailor.flow/v1',
  id: 'f',
  name: 'f',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [] }, onError: 'fail' },
    { id: 'guard', type: 'safety', config: { text: '{{ start.q }}' }, onError: 'fail' },
    { id: 'kb', type: 'retrieval', config: { query: '{{ start.q }}' }, onError: 'fail' },
    { id: 'answer', type: 'model', config: { prompt: '{{ kb.text }} {{ start.q }}' }, onError: 'fail' },
    { id: 'end', type: 'output', config: { value: '{{ answer.text }}' }, onError: 'fail' },
  ],
  edges: [
    { from: 'start', to: 'guard' },
    { from: 'guard', port: 'pass', to: 'kb' },
    { from: 'kb', to: 'answer' },
    { from: 'answer', to: 'end' },
  ],
  ui: { positions: { start: { x: 0, y: 0 } } },
};

describe('single-node run', () => {
  it('finds the nodes above a node and the ones its config refers to', () => {
    expect([...ancestorsOf(flow, 'answer')].sort()).toEqual(['guard', 'kb', 'start']);
    expect(referencedUpstream(flow, 'answer')).toEqual(['kb', 'start']);
  });

  it('keeps the node and the nodes above it, pinned, and fires the ports that lead on', () => {
    const cut = singleNodeRun(flow, 'answer', { kb: { text: 'ctx' }, start: { q: 'hi' } }, false);
    if (!('run' in cut)) throw new Error(JSON.stringify(cut.problems));
    expect(cut.run.document.nodes.map((n) => n.id)).toEqual(['start', 'guard', 'kb', 'answer']);
    expect(cut.run.document.edges).toHaveLength(3);
    expect(cut.run.document.ui).toBeUndefined();
    expect(cut.run.pinned).toEqual({
      start: { output: { q: 'hi' }, ports: ['out'] },
      guard: { output: null, ports: ['pass'] },
      kb: { output: { text: 'ctx' }, ports: ['out'] },
    });
  });

  it('lets an unpinned input node run from the inputs, and names every missing or misplaced pin', () => {
    const fromInputs = singleNodeRun(flow, 'answer', { kb: {} }, true);
    expect('run' in fromInputs && Object.keys(fromInputs.run.pinned).sort()).toEqual(['guard', 'kb']);
    const wrong = singleNodeRun(flow, 'answer', { end: 1 }, false);
    expect('problems' in wrong && wrong.problems.map((p) => p.path.join('.')).sort()).toEqual([
      'pins.end',
      'pins.kb',
      'pins.start',
    ]);
  });
});
