import { runNodeForTest } from '@tailor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { outputNode } from './output.js';

describe('output node', () => {
  it('returns its value as the result and fires no port', async () => {
    const result = await runNodeForTest(outputNode, { value: { answer: 42 } });
    expect(result.output).toEqual({ answer: 42 });
    expect(result.ports).toEqual([]);
    expect(outputNode.producesResult).toBe(true);
  });
});
