import { runNodeForTest } from '@tailor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { templateNode } from './template.js';

describe('template node', () => {
  it('outputs the rendered text', async () => {
    expect((await runNodeForTest(templateNode, { template: 'Hello' })).output).toEqual({ text: 'Hello' });
  });

  it('prints a whole-reference value that is not text as JSON', async () => {
    expect((await runNodeForTest(templateNode, { template: { a: [1] } })).output).toEqual({ text: '{"a":[1]}' });
    expect((await runNodeForTest(templateNode, { template: null })).output).toEqual({ text: '' });
  });
});
