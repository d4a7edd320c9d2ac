import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvaluation } from './evaluation-store.js';
import type { Storage } from './storage.js';

/** A running evaluation as the service first stores it. */
export function runningEvaluation(
  id: string,
  createdAt: number,
  extra: Partial<StoredEvaluation> = {},
): StoredEvaluation {
  return {
    id,
    flowId: 'faq',
    version: 'draft',
    revision: 3,
    documentHash: 'hash-3',
    datasetId: 'd1',
    datasetName: 'FAQ set',
    scorers: ['contains'],
    settings: { field: 'answer' },
    threshold: 0.8,
    concurrency: 4,
    status: 'running',
    progress: { done: 0, total: 2 },
    createdAt,
    ...extra,
  };
}

const report: NonNullable<StoredEvaluation['report']> = {
  items: [
    {
      index: 0,
      line: 1,
      inputs: { question: '营业时间？' },
      expected: 'nine',
      runId: 'r1',
      status: 'succeeded',
      output: { answer: 'We open at nine' },
      scores: [{ scorer: 'contains', score: 1, pass: true, detail: 'found' }],
      score: 1,
      pass: true,
      durationMs: 12,
      usage: { input: 10, output: 5, cost: 0.0001 },
    },
    {
      index: 1,
      line: 2,
      inputs: { question: 'refunds?' },
      status: 'failed',
      error: 'The node failed.',
      scores: [],
      score: 0,
      pass: false,
      durationMs: 3,
    },
  ],
  summary: {
    items: 2,
    passed: 1,
    passRate: 0.5,
    meanScore: 0.5,
    failedRuns: 1,
    scorers: { contains: { items: 1, passed: 1, meanScore: 1 } },
    latencyMs: { mean: 7.5, p50: 3, p95: 12, max: 12 },
    tokens: { input: 10, output: 5, cost: 0.0001 },
    threshold: 0.8,
    passedThreshold: false,
  },
};

/** The evaluation store's behaviour, run against SQLite and MongoDB. */
export function describeEvaluationStoreContract(name: string, open: () => Promise<Storage>): void {
  describe(`evaluation store contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });

    it('stores an evaluation, its progress and then its report', async () => {
      await storage.evaluations.put(runningEvaluation('e1', 1000));
      await storage.evaluations.progress('e1', 1);
      expect(await storage.evaluations.get('e1')).toMatchObject({ status: 'running', progress: { done: 1, total: 2 } });
      // The report of the items so far may come with the progress.
      const soFar = { items: report.items.slice(0, 1), summary: { ...report.summary, items: 1 } };
      await storage.evaluations.progress('e1', 1, soFar);
      expect((await storage.evaluations.get('e1'))?.report).toEqual(soFar);
      const finished = {
        ...runningEvaluation('e1', 1000),
        status: 'succeeded' as const,
        progress: { done: 2, total: 2 },
        score: 0.5,
        passed: false,
        finishedAt: 2000,
        report,
      };
      await storage.evaluations.put(finished);
      expect(await storage.evaluations.get('e1')).toEqual(finished);
      // Progress after the end changes nothing.
      await storage.evaluations.progress('e1', 1);
      expect((await storage.evaluations.get('e1'))?.progress.done).toBe(2);
      expect(await storage.evaluations.get('nope')).toBeUndefined();
    });

    it('lists summaries newest first, filtered, without reports', async () => {
      await storage.evaluations.put(runningEvaluation('old', 1000, { status: 'succeeded', report }));
      await storage.evaluations.put(runningEvaluation('new', 3000, { documentHash: 'hash-4', revision: 4 }));
      await storage.evaluations.put(runningEvaluation('other', 2000, { flowId: 'shop', datasetId: 'd2' }));
      expect((await storage.evaluations.list({})).map((e) => e.id)).toEqual(['new', 'other', 'old']);
      expect((await storage.evaluations.list({ flowId: 'faq' })).map((e) => e.id)).toEqual(['new', 'old']);
      expect((await storage.evaluations.list({ flowId: 'faq', documentHash: 'hash-3' })).map((e) => e.id)).toEqual([
        'old',
      ]);
      expect((await storage.evaluations.list({ status: 'running', datasetId: 'd1' })).map((e) => e.id)).toEqual([
        'new',
      ]);
      expect((await storage.evaluations.list({ limit: 1 })).map((e) => e.id)).toEqual(['new']);
      expect((await storage.evaluations.list({}))[2]).not.toHaveProperty('report');
      expect(await storage.evaluations.delete('old')).toBe(true);
      expect(await storage.evaluations.delete('old')).toBe(false);
    });

    it('marks evaluations left running as failed', async () => {
      await storage.evaluations.put(runningEvaluation('left', 1000));
      await storage.evaluations.put(runningEvaluation('done', 1000, { status: 'succeeded', score: 1, passed: true }));
      expect(await storage.evaluations.markInterrupted(5000)).toEqual(['left']);
      expect(await storage.evaluations.get('left')).toMatchObject({ status: 'failed', finishedAt: 5000 });
      expect((await storage.evaluations.get('left'))?.error).toContain('stopped');
      expect((await storage.evaluations.list({ status: 'running' })).length).toBe(0);
      expect((await storage.evaluations.get('done'))?.status).toBe('succeeded');
    });

    it("keeps each flow's publish gate", async () => {
      expect(await storage.evaluations.gate('faq')).toBeUndefined();
      const gate = { datasetId: 'd1', threshold: 0.8, scorers: ['contains', 'facts'] };
      await storage.evaluations.setGate('faq', gate);
      await storage.evaluations.setGate('faq', { ...gate, threshold: 0.9 });
      expect(await storage.evaluations.gate('faq')).toEqual({ ...gate, threshold: 0.9 });
      expect(await storage.evaluations.gate('shop')).toBeUndefined();
      await storage.evaluations.setGate('faq', undefined);
      expect(await storage.evaluations.gate('faq')).toBeUndefined();
    });
  });
}
