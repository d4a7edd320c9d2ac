import { describe, expect, it } from 'vitest';
import type { DatasetItem } from './dataset.js';
import type { RunEvidence } from './evidence.js';
import { createScorers, defaultScorerNames, type Score, type Scorer, scoreItem } from './scorers.js';

const item = (fields: Partial<DatasetItem>): DatasetItem => ({ inputs: {}, line: 1, ...fields });

const nothingRetrieved: RunEvidence = { retrieved: [] };

/** A scorer whose evidence defaults to a run that retrieved nothing. */
function scorer(name: string, jsonFields?: string[]) {
  const made = createScorers([name], jsonFields ? { jsonFields } : {});
  if (typeof made === 'string') throw new Error(made);
  const found = made[0] as Scorer;
  return {
    ...found,
    score: (output: unknown, item: DatasetItem, evidence: RunEvidence = nothingRetrieved): Score => {
      const score = found.score(output, item, evidence);
      if (score instanceof Promise) throw new Error(`${name} is expected to score at once`);
      return score;
    },
  };
}

describe('scorers', () => {
  it('exact compares trimmed text, and JSON values structurally', () => {
    expect(scorer('exact').score(' Paris \n', item({ expected: 'Paris' })).pass).toBe(true);
    expect(scorer('exact').score('paris', item({ expected: 'Paris' })).pass).toBe(false);
    expect(scorer('exact').score({ b: [1], a: 2 }, item({ expected: { a: 2, b: [1] } })).pass).toBe(true);
    expect(scorer('exact').score({ a: 2 }, item({ expected: { a: 3 } })).detail).toBe('expected {"a":3}, got {"a":2}');
  });

  it('contains ignores case and spacing', () => {
    expect(
      scorer('contains').score('Delivery takes  2–4 WORKING days.', item({ expected: '2–4 working days' })).pass,
    ).toBe(true);
    expect(scorer('contains').score('Delivery is free.', item({ expected: 'paid' })).pass).toBe(false);
  });

  it('regex matches the pattern and reports a broken pattern as a problem of the item', () => {
    expect(scorer('regex').score('Order SO20260001 shipped', item({ expected: 'SO\\d{8}' })).pass).toBe(true);
    expect(scorer('regex').score('none', item({ expected: '^\\d+$' })).pass).toBe(false);
    expect(scorer('regex').check?.(item({ expected: '(' }))).toMatch(/not a valid regular expression/);
    expect(scorer('regex').check?.(item({ expected: 3 }))).toMatch(/must be a pattern as text/);
  });

  it('json compares the chosen fields, reads JSON text, and scores the share that matched', () => {
    const json = scorer('json', ['intent', 'order.status']);
    const expected = { intent: 'order_status', order: { status: 'shipped', eta: 'x' } };
    const good = json.score('{"intent":"order_status","order":{"status":"shipped","eta":"y"}}', item({ expected }));
    expect(good).toMatchObject({ pass: true, score: 1 });
    const half = json.score({ intent: 'faq', order: { status: 'shipped' } }, item({ expected }));
    expect(half).toMatchObject({ pass: false, score: 0.5, detail: 'differs on intent' });
    expect(scorer('json').score({ a: 1 }, item({ expected: { a: 1 } })).pass).toBe(true);
  });

  it('facts needs every fact, with partial credit', () => {
    const facts = scorer('facts');
    const withFacts = item({ facts: ['2–4 working days', 'free over 99 yuan', '8 yuan'] });
    const result = facts.score('Delivery: 2–4 working days, free over 99 yuan.', withFacts);
    expect(result.pass).toBe(false);
    expect(result.score).toBeCloseTo(2 / 3);
    expect(result.detail).toBe('missing: "8 yuan"');
    expect(facts.applies(item({}))).toBe(false);
  });

  it('retrieval checks that the expected sources were among the retrieved documents', () => {
    const retrieval = scorer('retrieval');
    const wanted = item({ sources: ['faq-en.md', 'FAQ-ZH.md'] });
    const both = retrieval.score(null, wanted, { retrieved: ['faq-zh.md', 'kb/faq-en.md', 'other.md'] });
    expect(both).toMatchObject({ pass: true, score: 1, detail: '2/2 sources retrieved' });
    const one = retrieval.score(null, wanted, { retrieved: ['faq-en.md'] });
    expect(one).toMatchObject({ pass: false, score: 0.5, detail: 'not retrieved: FAQ-ZH.md (got faq-en.md)' });
    expect(retrieval.score(null, wanted).detail).toContain('(got nothing)');
    expect(retrieval.applies(item({}))).toBe(false);
  });

  it('scores a field of the output with the scorers that apply to the item', async () => {
    const scorers = createScorers(['exact', 'facts']);
    if (typeof scorers === 'string') throw new Error(scorers);
    const scores = await scoreItem(scorers, { answer: 'Yes', intent: 'faq' }, item({ expected: 'Yes' }), {
      field: 'answer',
    });
    expect(scores).toEqual([{ scorer: 'exact', score: 1, pass: true, detail: 'equal' }]);
  });

  it('names unknown scorers and picks defaults from the dataset', () => {
    expect(createScorers(['exact', 'bleu'])).toBe(
      'Unknown scorer "bleu"; choose from exact, contains, regex, json, facts, retrieval, judge, similarity.',
    );
    expect(defaultScorerNames([item({ expected: 1 }), item({ facts: ['a'], sources: ['x.md'] })])).toEqual([
      'exact',
      'facts',
      'retrieval',
    ]);
    expect(defaultScorerNames([item({})])).toEqual([]);
  });
});
