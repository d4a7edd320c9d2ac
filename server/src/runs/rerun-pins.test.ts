import { describe, expect, it } from 'vitest';
import { answerNodes, answerText } from './answer-nodes.js';
import { downstreamOf, pinsForRerun } from './rerun-pins.js';

const edges = [
  { from: 'start', to: 'kb' },
  { from: 'start', to: 'guard' },
  { from: 'kb', to: 'answer' },
  { from: 'guard', to: 'answer', port: 'pass' },
  { from: 'answer', to: 'end' },
];

describe('re-run from a node', () => {
  it('runs the node and everything below it again', () => {
    expect([...downstreamOf({ edges }, 'kb')].sort()).toEqual(['answer', 'end', 'kb']);
  });

  it('pins what succeeded above it, with the ports it fired', () => {
    const node = (nodeId: string, status: 'succeeded' | 'skipped', ports?: string[]) => ({
      nodeId,
      type: 't',
      status,
      attempts: 1,
      logs: [],
      output: `${nodeId} out`,
      ...(ports ? { ports } : {}),
    });
    const pins = pinsForRerun(
      { edges },
      [
        node('start', 'succeeded'),
        node('guard', 'succeeded', ['pass']),
        node('kb', 'succeeded'),
        node('answer', 'succeeded'),
      ],
      'kb',
    );
    expect(pins).toEqual({ start: { output: 'start out' }, guard: { output: 'guard out', ports: ['pass'] } });
  });
});

describe('chat answer', () => {
  const nodes = [
    { id: 'start', type: 'input', config: {}, onError: 'fail' as const },
    { id: 'answer', type: 'model', config: {}, onError: 'fail' as const },
    {
      id: 'end',
      type: 'output',
      config: { value: { text: '{{ answer.text }}', sources: '{{ kb.chunks }}' } },
      onError: 'fail' as const,
    },
    { id: 'kb', type: 'retrieval', config: {}, onError: 'fail' as const },
  ];

  it('streams the nodes the final node reads, found from references alone', () => {
    expect([...answerNodes({ nodes, edges })].sort()).toEqual(['answer', 'kb']);
  });

  it('lets a flow name its answer nodes', () => {
    expect([...answerNodes({ nodes, edges, settings: { answerNodes: ['answer'] } })]).toEqual(['answer']);
  });

  it('reads the answer from a string or an object with text', () => {
    expect(answerText('hi')).toBe('hi');
    expect(answerText({ text: 'hello', sources: [] })).toBe('hello');
    expect(answerText({ other: 1 })).toBe('{"other":1}');
    expect(answerText(null)).toBe('');
  });
});

describe('run ids', () => {
  it('are UUIDs of version 7 that sort by the time they were made', async () => {
    const { newRunId } = await import('./run-id.js');
    const early = newRunId(1_700_000_000_000);
    const late = newRunId(1_700_000_000_001);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(early < late).toBe(true);
  });
});
