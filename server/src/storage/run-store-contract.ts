import type { NodeRecord } from '@tailor/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredRun } from './run-store.js';
import type { Storage } from './storage.js';

const DAY = 86_400_000;

/** A finished run as the recorder stores it in one piece. */
export function storedRun(id: string, startedAt: number, extra: Partial<StoredRun> = {}): StoredRun {
  const durationMs = extra.durationMs ?? 100;
  const nodes: NodeRecord[] = [
    { nodeId: 'start', type: 'input', status: 'succeeded', attempts: 1, logs: [], startedAt, durationMs: 1 },
  ];
  return {
    schema: 'tailor.run/v1',
    id,
    flowId: 'faq',
    status: 'succeeded',
    source: 'api',
    inputs: { question: `parcel ${id}` },
    output: `answer ${id}`,
    startedAt,
    endedAt: startedAt + durationMs,
    durationMs,
    nodes,
    ...extra,
  };
}

/**
 * Run-store behaviour beyond recording and listing (retention, aggregation), the same for SQLite
 * and MongoDB: `storage-contract.ts` style, run from each store's test file.
 */
export function describeRunStoreContract(name: string, open: () => Promise<Storage>): void {
  describe(`run store contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });

    describe('retention', () => {
      it('deletes ended runs that started before the cut-off, oldest first, in batches of the size asked', async () => {
        const now = 100 * DAY;
        const old = Array.from({ length: 7 }, (_, i) => storedRun(`old-${i}`, now - 40 * DAY + i));
        const running = { ...storedRun('old-running', now - 40 * DAY - 1), status: 'running' as const };
        const recent = [storedRun('new-1', now - 2 * DAY), storedRun('new-2', now - DAY)];
        await storage.runs.write([...old, running, ...recent].map((run) => ({ kind: 'whole' as const, run })));

        const cutoff = now - 30 * DAY;
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(3);
        expect(await storage.runs.get('old-0')).toBeUndefined();
        expect(await storage.runs.get('old-3')).toBeDefined();
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(3);
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(1);
        expect(await storage.runs.deleteStartedBefore(cutoff, 3)).toBe(0);

        const left = await storage.runs.list({ limit: 50 });
        expect(left.runs.map((run) => run.id).sort()).toEqual(['new-1', 'new-2', 'old-running']);
        // The node records go with their run, and so does its search text.
        expect((await storage.runs.get('new-1'))?.nodes).toHaveLength(1);
        expect((await storage.runs.list({ limit: 50, q: 'parcel old-' })).runs.map((run) => run.id)).toEqual([
          'old-running',
        ]);
        expect((await storage.runs.list({ limit: 50, q: 'parcel new-2' })).runs.map((run) => run.id)).toEqual([
          'new-2',
        ]);
      });
    });
  });
}
