import { describe, expect, it } from 'vitest';
import { answerNodes } from './answer-nodes.js';

const node = (id: string, config: Record<string, unknown> = {}) => ({
  id,
  type: 't',
  config,
  onError: 'fail' as const,
});

describe('answerNodes', () => {
  it('finds the nodes the final output references', () => {
    const doc = {
      nodes: [node('start'), node('guard'), node('answer'), node('end', { value: '{{ answer.text }}' })],
      edges: [
        { from: 'start', to: 'guard' },
        { from: 'guard', to: 'answer' },
        { from: 'answer', to: 'end' },
      ],
    };
    expect([...answerNodes(doc)]).toEqual(['answer']);
  });
  it('prefers the flow settings when they name the answer nodes', () => {
    expect([...answerNodes({ nodes: [node('a')], edges: [], settings: { answerNodes: ['a'] } })]).toEqual(['a']);
  });
});
