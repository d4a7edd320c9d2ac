import { createCatalogue, FlowDocumentSchema, runFlow } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { conditionNode } from './condition.js';
import { inputNode } from './input.js';
import { loopNode } from './loop.js';
import { outputNode } from './output.js';
import { templateNode } from './template.js';

const catalogue = createCatalogue([inputNode, outputNode, templateNode, conditionNode, loopNode]);

function loopFlow(body: unknown, items: unknown = '{{ start.items }}') {
  return FlowDocumentSchema.parse({
    schema: 'tailor.flow/v1',
    id: 'loop-test',
    name: 'Loop test',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'items', type: 'array' }] } },
      { id: 'each', type: 'loop', config: { items, body, concurrency: 3 } },
      { id: 'end', type: 'output', config: { value: '{{ each.results }}' } },
    ],
    edges: [
      { from: 'start', to: 'each' },
      { from: 'each', to: 'end' },
    ],
  });
}

describe('loop node', () => {
  it('sees outer nodes, the item and the index inside the body and records each item as a child', async () => {
    const body = {
      nodes: [
        { id: 'line', type: 'template', config: { template: '{{ index }}:{{ item.name }} of {{ start.items.size }}' } },
        { id: 'out', type: 'output', config: { value: '{{ line.text }}' } },
      ],
      edges: [{ from: 'line', to: 'out' }],
    };
    const result = await runFlow(loopFlow(body), { items: [{ name: 'a' }, { name: 'b' }] }, { catalogue }).result;
    expect(result.output).toEqual(['0:a of 2', '1:b of 2']);
    const loopRecord = result.record.nodes.find((node) => node.nodeId === 'each');
    expect(loopRecord?.children?.map((child) => child.label)).toEqual(['0', '1']);
    expect(loopRecord?.children?.[1]?.nodes[0]).toMatchObject({ nodeId: 'line', output: { text: '1:b of 2' } });
  });

  it('branches inside the body; a skipped output gives null for that item', async () => {
    const body = {
      nodes: [
        {
          id: 'odd',
          type: 'condition',
          config: { cases: [{ port: 'yes', when: [{ left: '{{ item }}', op: 'gt', right: 1 }] }] },
        },
        { id: 'out', type: 'output', config: { value: '{{ item }}' } },
      ],
      edges: [{ from: 'odd', port: 'yes', to: 'out' }],
    };
    const result = await runFlow(loopFlow(body), { items: [1, 2, 3] }, { catalogue }).result;
    expect(result.output).toEqual([null, 2, 3]);
  });

  it('fails with the index of the item that failed', async () => {
    const inner = { nodes: [{ id: 'out', type: 'output', config: { value: '{{ item }}' } }], edges: [] };
    const body = {
      nodes: [
        { id: 'nested', type: 'loop', config: { items: '{{ item }}', body: inner } },
        { id: 'out', type: 'output', config: { value: '{{ nested.results }}' } },
      ],
      edges: [{ from: 'nested', to: 'out' }],
    };
    const result = await runFlow(loopFlow(body), { items: [[1], 'oops', [3]] }, { catalogue }).result;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('Item 1 failed');
    expect(result.error?.message).toContain('items must be a list');
  });

  it('says what is wrong when items is not a list', async () => {
    const body = { nodes: [{ id: 'out', type: 'output', config: { value: 1 } }], edges: [] };
    const result = await runFlow(loopFlow(body, 'not a list'), { items: [] }, { catalogue }).result;
    expect(result.error?.code).toBe('CONFIG_INVALID');
    expect(result.error?.message).toContain('items must be a list');
  });
});
