import { afterAll, describe, expect, it } from 'vitest';
import { runningEvaluation } from '../storage/evaluation-store-contract.js';
import { createSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { sampleFlow } from '../storage/storage-contract.js';
import { documentHash } from './document-hash.js';
import { publishGateRefusal } from './publish-gate.js';

const storage = createSqliteStorage(':memory:');
afterAll(() => storage.close());

describe('publishGateRefusal', () => {
  it('says what the draft is missing until its latest evaluation reaches the threshold', async () => {
    const flow = await storage.flows.create(sampleFlow('faq'), 1000);
    expect(await publishGateRefusal(storage, flow)).toBeUndefined();

    await storage.datasets.put({ id: 'd1', name: 'FAQ set', items: [{ inputs: {} }], createdAt: 1, updatedAt: 1 });
    await storage.evaluations.setGate('faq', { datasetId: 'd1', threshold: 0.8, scorers: ['contains'] });
    expect(await publishGateRefusal(storage, flow)).toBe(
      "Evaluation gate: no evaluation of this draft (revision 1) on 'FAQ set' with contains yet; evaluate it, then publish.",
    );

    const ofDraft = { flowId: 'faq', datasetId: 'd1', documentHash: documentHash(flow.document), revision: 1 };
    await storage.evaluations.put(runningEvaluation('running', 2000, ofDraft));
    expect(await publishGateRefusal(storage, flow)).toContain('is still running');

    // Not counted: other scorers, a draft saved meanwhile, another document.
    const finished = { ...ofDraft, status: 'succeeded' as const, score: 1, passed: true };
    await storage.evaluations.put(runningEvaluation('exact-only', 3000, { ...finished, scorers: ['exact'] }));
    await storage.evaluations.put(runningEvaluation('changed', 3001, { ...finished, draftChanged: true }));
    await storage.evaluations.put(runningEvaluation('other-doc', 3002, { ...finished, documentHash: 'x' }));
    expect(await publishGateRefusal(storage, flow)).toContain('is still running');

    await storage.evaluations.put(runningEvaluation('low', 4000, { ...finished, score: 0.72, passed: false }));
    expect(await publishGateRefusal(storage, flow)).toBe(
      "Evaluation gate: draft revision 1 scored 0.72 on 'FAQ set', below 0.80.",
    );
    await storage.evaluations.put(
      runningEvaluation('high', 5000, { ...finished, scorers: ['contains', 'facts'], score: 0.8 }),
    );
    expect(await publishGateRefusal(storage, flow)).toBeUndefined();
  });
});
