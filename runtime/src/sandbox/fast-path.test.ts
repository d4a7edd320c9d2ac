import { describe, expect, it } from 'vitest';
import { FastPathMemory } from './fast-path.js';

describe('the fast-path memory', () => {
  it('lets a snippet run synchronously once an asynchronous run was quick', () => {
    const memory = new FastPathMemory(2, 10);
    expect(memory.allows('a')).toBe(false);
    memory.record('a', 5);
    expect(memory.allows('a')).toBe(false);
    memory.record('a', 0.5);
    expect(memory.allows('a')).toBe(true);
  });

  it('sends a snippet back to the worker threads for good after three overruns', () => {
    const memory = new FastPathMemory(2, 10);
    memory.record('a', 0.5);
    memory.demote('a');
    memory.demote('a');
    expect(memory.allows('a')).toBe(true);
    memory.demote('a');
    expect(memory.allows('a')).toBe(false);
    memory.record('a', 0.1);
    expect(memory.allows('a')).toBe(false);
  });

  it('forgives one overrun after a thousand clean synchronous runs', () => {
    const memory = new FastPathMemory(2, 10);
    memory.record('a', 0.5);
    memory.demote('a');
    memory.demote('a');
    for (let i = 0; i < 1000; i += 1) memory.succeeded('a');
    memory.demote('a');
    expect(memory.allows('a')).toBe(true);
  });

  it('is off with a zero budget, and forgets the oldest snippets beyond its size', () => {
    const off = new FastPathMemory(0, 10);
    off.record('a', 0.1);
    expect(off.allows('a')).toBe(false);
    const small = new FastPathMemory(2, 2);
    for (const code of ['a', 'b', 'c']) small.record(code, 0.1);
    expect([small.allows('a'), small.allows('b'), small.allows('c')]).toEqual([false, true, true]);
  });
});
