import { setImmediate as nextTurn } from 'node:timers/promises';
import { catalogue as products } from '@tailor/nodes';
import { createCatalogue, defineNode, loadFlow, ServiceRegistry } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatasetItem } from './dataset.js';
import { runDataset } from './run-dataset.js';
import { createScorers, type Scorer } from './scorers.js';

let inFlight = 0;
let most = 0;

// Upper-cases its text after yielding the event loop a few times, counting runs in flight.
const shoutNode = defineNode({
  type: 'test.shout',
  version: 1,
  title: { en: 'Shout (test)', zh: '大写（测试）' },
  description: { en: 'Upper-cases text.', zh: '转为大写。' },
  category: 'logic',
  config: z.object({ text: z.string() }),
  output: z.object({ text: z.string() }),
  run: async ({ config }) => {
    inFlight++;
    most = Math.max(most, inFlight);
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    inFlight--;
    return { output: { text: config.text.toUpperCase() } };
  },
});

const catalogue = createCatalogue([...products.values(), shoutNode]);
const flow = {
  schema: 'tailor.flow/v1',
  id: 'shout',
  name: 'Shout',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'q', type: 'string', required: true }] } },
    { id: 'loud', type: 'test.shout', config: { text: '{{ start.q }}' } },
    { id: 'end', type: 'output', config: { value: '{{ loud.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'loud' },
    { from: 'loud', to: 'end' },
  ],
};

describe('runDataset', () => {
  it('runs every item at most `concurrency` at a time and keeps the dataset order', async () => {
    const loaded = loadFlow(JSON.stringify(flow), catalogue);
    if (!loaded.document) throw new Error('flow invalid');
    const items: DatasetItem[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((q, i) => ({
      inputs: { q },
      expected: q.toUpperCase(),
      line: i + 1,
    }));
    items.push({ inputs: {}, expected: 'G', line: 7 });
    const scorers = createScorers(['exact']) as Scorer[];
    const ended: number[] = [];
    const results = await runDataset(loaded.document, items, {
      catalogue,
      services: new ServiceRegistry(),
      scorers,
      concurrency: 2,
      onItem: (_result, done) => ended.push(done),
    });
    expect(most).toBeLessThanOrEqual(2);
    expect(ended).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.slice(0, 6).every((r) => r.status === 'succeeded' && r.scores[0]?.pass)).toBe(true);
    expect(results[6]).toMatchObject({ status: 'failed', scores: [] });
    expect(results[6]?.error).toBeTruthy();
  });
});
