import type { NodeRecord } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { evidenceOf } from './evidence.js';

const node = (fields: Partial<NodeRecord> & Pick<NodeRecord, 'nodeId' | 'type'>): NodeRecord => ({
  status: 'succeeded',
  attempts: 1,
  logs: [],
  ...fields,
});
const chunks = (...documents: string[]) => ({
  chunks: documents.map((document) => ({ document, text: 'x' })),
  text: '',
});

describe('evidenceOf', () => {
  it('collects the documents of every succeeded retrieval node, loop bodies included, once each', () => {
    const nodes = [
      node({ nodeId: 'kb', type: 'retrieval', output: chunks('faq-en.md', 'faq-zh.md', 'faq-en.md') }),
      node({ nodeId: 'answer', type: 'model', output: { text: 'faq-x.md' } }),
      node({ nodeId: 'broken', type: 'retrieval', status: 'failed', output: chunks('no.md') }),
      node({
        nodeId: 'each',
        type: 'loop',
        children: [
          { label: 'item 0', nodes: [node({ nodeId: 'inner', type: 'retrieval', output: chunks('guide.md') })] },
        ],
      }),
    ];
    expect(evidenceOf(nodes)).toEqual({ retrieved: ['faq-en.md', 'faq-zh.md', 'guide.md'] });
  });
});
