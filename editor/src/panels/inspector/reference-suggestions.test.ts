import type { FlowDocument } from '@tailor/runtime/contract';
import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../api/schemas.js';
import { ancestorsOf, openReference, referenceSuggestions } from './reference-suggestions.js';

const doc: FlowDocument = {
  schema: 'tailor.flow/v1',
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] }, onError: 'fail' },
    { id: 'kb', type: 'retrieval', config: {}, onError: 'fail' },
    { id: 'answer', type: 'model', config: {}, onError: 'fail' },
    { id: 'side', type: 'model', config: {}, onError: 'fail' },
  ],
  edges: [
    { from: 'start', to: 'kb' },
    { from: 'kb', to: 'answer' },
    { from: 'start', to: 'side' },
  ],
};

const retrieval: CatalogueEntry = {
  type: 'retrieval',
  version: 1,
  title: { en: 'Retrieval', zh: '检索' },
  description: { en: '', zh: '' },
  category: 'knowledge',
  ports: ['out'],
  dynamicPorts: false,
  rawFields: [],
  configSchema: {},
  outputSchema: {
    type: 'object',
    properties: {
      text: { type: 'string' },
      chunks: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } } } },
    },
  },
};

describe('reference suggestions', () => {
  it('lists only ancestors, nearest first', () => {
    expect(ancestorsOf(doc, 'answer')).toEqual(['kb', 'start']);
  });

  it('offers output paths from output schemas and the input node fields', () => {
    const labels = referenceSuggestions(doc, 'answer', (t) => (t === 'retrieval' ? retrieval : undefined)).map(
      (s) => s.label,
    );
    expect(labels).toEqual([
      'kb',
      'kb.text',
      'kb.chunks',
      'kb.chunks[0]',
      'kb.chunks[0].text',
      'start',
      'start.question',
    ]);
  });

  it('finds the reference being typed after {{', () => {
    expect(openReference('Answer {{ kb.te')).toBe('kb.te');
    expect(openReference('Answer {{')).toBe('');
    expect(openReference('Answer {{ kb.text }} and')).toBeUndefined();
  });
});
