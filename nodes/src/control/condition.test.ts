import { runNodeForTest } from '@tailor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { conditionNode } from './condition.js';

const cases = [
  { port: 'refund', when: [{ left: 'I want a refund', op: 'contains', right: 'refund' }] },
  {
    port: 'vip',
    match: 'any',
    when: [
      { left: 3, op: 'gt', right: 5 },
      { left: 'gold', op: 'eq', right: 'gold' },
    ],
  },
];

describe('condition node', () => {
  it('fires the port of the first case that holds', async () => {
    const result = await runNodeForTest(conditionNode, { cases });
    expect(result.ports).toEqual(['refund']);
    expect(result.output).toEqual({ port: 'refund' });
  });

  it('fires else when no case holds', async () => {
    const result = await runNodeForTest(conditionNode, {
      cases: [{ port: 'never', when: [{ left: 1, op: 'eq', right: 2 }] }],
    });
    expect(result.ports).toEqual(['else']);
  });

  it('declares one port per case plus else, and refuses reserved or duplicate names', () => {
    expect(conditionNode.portsFor?.(conditionNode.config.parse({ cases }))).toEqual(['refund', 'vip', 'else']);
    expect(
      conditionNode.config.safeParse({ cases: [{ port: 'else', when: [{ left: 1, op: 'empty' }] }] }).success,
    ).toBe(false);
    const duplicate = { port: 'a', when: [{ left: 1, op: 'empty' }] };
    expect(conditionNode.config.safeParse({ cases: [duplicate, duplicate] }).success).toBe(false);
  });
});
