import type { RunEvent } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { EventHistory } from './event-history.js';

const event = (runId: string, seq: number): RunEvent => ({
  type: 'node.delta',
  runId,
  seq,
  at: seq,
  nodeId: 'a',
  text: `${seq}`,
});

describe('event history', () => {
  it('returns what came after a seq, complete while nothing was dropped', () => {
    const history = new EventHistory();
    for (let seq = 1; seq <= 5; seq++) history.add(event('r', seq));
    expect(history.after('r', 3)).toEqual({ events: [event('r', 4), event('r', 5)], complete: true });
  });

  it('says when the oldest events of a long run were dropped', () => {
    const history = new EventHistory(10, 3);
    for (let seq = 1; seq <= 6; seq++) history.add(event('r', seq));
    expect(history.after('r', 1).complete).toBe(false);
    expect(history.after('r', 3)).toEqual({ events: [event('r', 4), event('r', 5), event('r', 6)], complete: true });
  });

  it('forgets the oldest run first', () => {
    const history = new EventHistory(2, 10);
    for (const run of ['a', 'b', 'c']) history.add(event(run, 1));
    expect(history.after('a', 0)).toEqual({ events: [], complete: true });
    expect(history.after('a', 1).complete).toBe(false);
    expect(history.after('c', 0).events).toHaveLength(1);
  });
});

describe('event history of ended runs', () => {
  const end = (runId: string, seq: number): RunEvent => ({
    type: 'run.end',
    runId,
    seq,
    at: seq,
    status: 'succeeded',
    durationMs: 1,
  });

  it('keeps the last ended runs whole and says the older ones are incomplete', () => {
    const history = new EventHistory(100, 100, 2);
    for (const run of ['a', 'b', 'c']) {
      history.add(event(run, 1));
      history.add(end(run, 2));
    }
    expect(history.after('a', 0)).toEqual({ events: [], complete: false });
    expect(history.after('b', 0)).toEqual({ events: [event('b', 1), end('b', 2)], complete: true });
    expect(history.after('c', 1)).toEqual({ events: [end('c', 2)], complete: true });
  });

  it('keeps running runs while ended ones come and go', () => {
    const history = new EventHistory(100, 100, 1);
    history.add(event('long', 1));
    for (const run of ['a', 'b', 'c']) {
      history.add(event(run, 1));
      history.add(end(run, 2));
    }
    expect(history.after('long', 0)).toEqual({ events: [event('long', 1)], complete: true });
  });
});
