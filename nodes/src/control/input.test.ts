import { runNodeForTest } from '@tailor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { inputNode } from './input.js';

const fields = [
  { name: 'question', type: 'string', required: true },
  { name: 'topK', type: 'number', default: 4 },
  { name: 'tags', type: 'array' },
];

describe('input node', () => {
  it('passes declared inputs through and fills defaults', async () => {
    const { output } = await runNodeForTest(inputNode, { fields }, { inputs: { question: 'Hi', extra: 1 } });
    expect(output).toEqual({ question: 'Hi', topK: 4, tags: null });
  });

  it('names every missing or mistyped input at once', async () => {
    await expect(runNodeForTest(inputNode, { fields }, { inputs: { topK: 'four', tags: 'x' } })).rejects.toThrow(
      /"question" is required; "topK" must be a number, got string "four"; "tags" must be an array/,
    );
  });

  it('gives the editor an output schema with one field per input', () => {
    const schema = inputNode.outputFor?.(inputNode.config.parse({ fields }));
    expect(schema?.safeParse({ question: 'q', topK: 1, tags: [] }).success).toBe(true);
    expect(schema?.safeParse({ question: 1 }).success).toBe(false);
  });
});
