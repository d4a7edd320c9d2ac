import { describe, expect, it } from 'vitest';
import type { EvaluationItem, StoredEvaluation } from '../storage/evaluation-store.js';
import { changeOf, compareEvaluations } from './compare.js';

function item(index: number, pass: boolean, score: number): EvaluationItem {
  return {
    index,
    line: index + 1,
    inputs: { q: `question ${index}` },
    status: 'succeeded',
    output: `answer ${index}`,
    scores: [{ scorer: 'contains', score, pass, detail: pass ? 'found' : 'not found' }],
    score,
    pass,
    durationMs: 5,
  };
}

function evaluation(id: string, items: EvaluationItem[]): StoredEvaluation {
  const passed = items.filter((i) => i.pass).length;
  return {
    id,
    flowId: 'faq',
    version: 1,
    flowVersion: 1,
    documentHash: 'h',
    datasetId: 'd',
    datasetName: 'FAQ',
    scorers: ['contains'],
    settings: {},
    threshold: 0.8,
    concurrency: 4,
    status: 'succeeded',
    progress: { done: items.length, total: items.length },
    score: passed / items.length,
    passed: false,
    createdAt: 1,
    report: {
      items,
      summary: {
        items: items.length,
        passed,
        passRate: passed / items.length,
        meanScore: 0,
        failedRuns: 0,
        scorers: {},
        latencyMs: { mean: 5, p50: 5, p95: 5, max: 5 },
        tokens: { input: 0, output: 0 },
        threshold: 0.8,
        passedThreshold: false,
      },
    },
  };
}

describe('compareEvaluations', () => {
  it('says which items got better or worse: the verdict first, then the score', () => {
    expect(changeOf({ pass: false, score: 0.9 }, { pass: true, score: 0.5 })).toBe('better');
    expect(changeOf({ pass: true, score: 0.5 }, { pass: false, score: 0.9 })).toBe('worse');
    expect(changeOf({ pass: false, score: 0.2 }, { pass: false, score: 0.5 })).toBe('better');
    expect(changeOf({ pass: true, score: 1 }, { pass: true, score: 1 })).toBe('same');
  });

  it('joins items by dataset position and counts what only one side has', () => {
    const base = evaluation('a', [item(0, true, 1), item(1, false, 0), item(2, true, 1)]);
    const candidate = evaluation('b', [item(0, false, 0), item(1, true, 1)]);
    const comparison = compareEvaluations(base, candidate);
    expect(comparison.items.map((i) => [i.index, i.change])).toEqual([
      [0, 'worse'],
      [1, 'better'],
    ]);
    expect(comparison.changes).toEqual({ better: 1, worse: 1, same: 0 });
    expect(comparison.unmatched).toBe(1);
    expect(comparison.base).not.toHaveProperty('report');
    expect(comparison.base.summary?.passRate).toBeCloseTo(2 / 3);
    expect(comparison.items[0]).toMatchObject({
      inputs: { q: 'question 0' },
      base: { output: 'answer 0', pass: true },
    });
  });
});
