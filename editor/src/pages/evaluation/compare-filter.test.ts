import { describe, expect, it } from 'vitest';
import type { ComparedItem, EvaluationSummary } from '../../api/evaluations.js';
import { ALL_ITEMS, compareOrder, countChanges, filterCompared, itemLabel, orderByChange } from './compare-filter.js';

const side = (output: unknown, score: number) => ({ output, score, pass: score === 1 });
const items: ComparedItem[] = [
  {
    id: 'hours',
    inputs: { question: 'When are you open?' },
    expected: '9 to 5',
    base: side('9 to 5', 1),
    candidate: side('9 to 5', 1),
    change: 'same',
  },
  {
    line: 2,
    inputs: { question: 'Delivery time?' },
    expected: '2 days',
    base: side('no idea', 0),
    candidate: side('2 days', 1),
    change: 'better',
  },
  {
    line: 3,
    inputs: { question: 'Refund?' },
    expected: '30 days',
    base: side('30 days', 1),
    candidate: side('never', 0),
    change: 'worse',
  },
];

describe('compare filtering', () => {
  it('counts each kind of change', () => {
    expect(countChanges(items)).toEqual({ all: 3, better: 1, worse: 1, same: 1 });
  });

  it('keeps only the chosen change, with the index in the full list', () => {
    expect(filterCompared(items, { change: 'worse', query: '' })).toEqual([{ item: items[2], index: 2 }]);
    expect(filterCompared(items, ALL_ITEMS)).toHaveLength(3);
  });

  it('finds words in the inputs, the expected answer and both outputs, ignoring case', () => {
    expect(filterCompared(items, { change: 'all', query: 'DELIVERY' }).map((r) => r.index)).toEqual([1]);
    expect(filterCompared(items, { change: 'all', query: 'never' }).map((r) => r.index)).toEqual([2]);
    expect(filterCompared(items, { change: 'all', query: 'no idea' }).map((r) => r.index)).toEqual([1]);
    expect(filterCompared(items, { change: 'better', query: 'refund' })).toEqual([]);
    expect(filterCompared(items, { change: 'all', query: 'hours' }).map((r) => r.index)).toEqual([0]);
  });

  it('names an item by its id, else its line, else its place', () => {
    expect(items.map((item, index) => itemLabel(item, index))).toEqual(['hours', '#2', '#3']);
    expect(itemLabel({}, 4)).toBe('#5');
  });

  it('puts what got worse first', () => {
    const ordered = orderByChange(filterCompared(items, ALL_ITEMS));
    expect(ordered.map((r) => r.item.change)).toEqual(['worse', 'better', 'same']);
  });

  it('compares two picked evaluations, the older one as the base', () => {
    const summary = (id: string, createdAt: number): EvaluationSummary => ({
      id,
      flowId: 'bot',
      version: 1,
      datasetId: 'd',
      status: 'succeeded',
      progress: { done: 4, total: 4 },
      createdAt,
    });
    const all = [summary('new', 300), summary('mid', 200), summary('old', 100)];
    expect(compareOrder(['old', 'new'], all)).toEqual({ base: 'old', candidate: 'new' });
    expect(compareOrder(['new', 'mid'], all)).toEqual({ base: 'mid', candidate: 'new' });
    expect(compareOrder(['new'], all)).toBeUndefined();
    expect(compareOrder(['new', 'gone'], all)).toBeUndefined();
  });
});
