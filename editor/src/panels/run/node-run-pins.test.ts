import type { FlowDocument } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import { IDLE_RUN, type NodeRunView } from '../../state/run-state.js';
import { nodesAbove, parsePins, prefillPins, referencedAbove } from './node-run-pins.js';

const doc: Pick<FlowDocument, 'nodes' | 'edges'> = {
  nodes: [
    { id: 'start', type: 'input', config: { fields: [] }, onError: 'fail' },
    { id: 'kb', type: 'retrieval', config: { query: '{{ start.question }}' }, onError: 'fail' },
    { id: 'guard', type: 'safety', config: { text: '{{ start.question }}' }, onError: 'fail' },
    {
      id: 'answer',
      type: 'model',
      config: {
        prompt: 'Use {% for c in kb.chunks %}{{ c.text }}{% endfor %} to answer {{ start.question | upcase }}',
      },
      onError: 'fail',
    },
    { id: 'end', type: 'output', config: { value: '{{ answer.text }}' }, onError: 'fail' },
  ],
  edges: [
    { from: 'start', to: 'guard' },
    { from: 'guard', port: 'pass', to: 'kb' },
    { from: 'kb', to: 'answer' },
    { from: 'answer', to: 'end' },
  ],
};

const done = (output: unknown): NodeRunView => ({ status: 'succeeded', attempt: 1, text: '', nestedDone: 0, output });

describe('running a node alone: pinned inputs', () => {
  it('finds the nodes above a node and the ones its templates read (loop variables are not nodes)', () => {
    expect([...nodesAbove(doc, 'answer')].sort()).toEqual(['guard', 'kb', 'start']);
    expect(referencedAbove(doc, 'answer')).toEqual(['start', 'kb']);
    // `end` reads `answer`, which is above it; a node is never its own input.
    expect(referencedAbove(doc, 'end')).toEqual(['answer']);
  });

  it('prefills each referenced node with its output in the last run, null when it has none', () => {
    const lastRun = {
      nodes: { start: done({ question: 'Open on Monday?' }), kb: done({ chunks: [{ text: 'Mon–Fri' }] }) },
    };
    expect(prefillPins(doc, 'answer', lastRun)).toEqual({
      start: { question: 'Open on Monday?' },
      kb: { chunks: [{ text: 'Mon–Fri' }] },
    });
    expect(prefillPins(doc, 'answer', IDLE_RUN)).toEqual({ start: null, kb: null });
  });

  it('accepts only a JSON object of node outputs', () => {
    expect(parsePins('{"kb": {"text": "x"}}')).toEqual({ pins: { kb: { text: 'x' } } });
    expect(parsePins('[1]')).toHaveProperty('error');
    expect(parsePins('{oops')).toHaveProperty('error');
  });
});
