import { afterEach, describe, expect, it } from 'vitest';
import { storedRun } from '../storage/run-store-contract.js';
import { createSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import type { Storage } from '../storage/storage.js';
import { RETENTION_SETTING, RunRetention } from './run-retention.js';

const DAY = 86_400_000;
const NOW = 1_000 * DAY;
let storage: Storage;

afterEach(async () => {
  await storage.close();
});

async function seeded(oldRuns: number) {
  storage = createSqliteStorage(':memory:');
  const runs = [
    ...Array.from({ length: oldRuns }, (_, i) => storedRun(`old-${i}`, NOW - 40 * DAY + i)),
    storedRun('recent', NOW - DAY),
  ];
  await storage.runs.write(runs.map((run) => ({ kind: 'whole' as const, run })));
  const calls: number[] = [];
  const counting = {
    deleteStartedBefore: async (before: number, limit: number) => {
      const deleted = await storage.runs.deleteStartedBefore(before, limit);
      calls.push(deleted);
      return deleted;
    },
  };
  return { calls, counting };
}

const ids = async () => (await storage.runs.list({ limit: 500 })).runs.map((run) => run.id);

describe('run retention', () => {
  it('keeps every run when neither the setting nor TAILOR_RETENTION_DAYS asks otherwise, or when it is 0', async () => {
    const { counting } = await seeded(3);
    expect(await new RunRetention(counting, storage.settings).sweep(NOW)).toBe(0);
    expect(await new RunRetention(counting, storage.settings, { envDays: 0 }).sweep(NOW)).toBe(0);
    expect(await ids()).toHaveLength(4);
  });

  it('deletes runs older than TAILOR_RETENTION_DAYS in batches of the configured size', async () => {
    const { calls, counting } = await seeded(10);
    const retention = new RunRetention(counting, storage.settings, { envDays: 30, batchSize: 3, pauseMs: 0 });
    expect(await retention.sweep(NOW)).toBe(10);
    expect(calls).toEqual([3, 3, 3, 1]);
    expect(await ids()).toEqual(['recent']);
    expect((await retention.state()).lastSweep).toEqual({ at: NOW, deleted: 10 });
  });

  it('lets the admin setting override the environment, and clearing it falls back', async () => {
    const { counting } = await seeded(2);
    const retention = new RunRetention(counting, storage.settings, { envDays: 30 });
    await storage.settings.set(RETENTION_SETTING, '0');
    expect(await retention.state()).toMatchObject({ days: 0, envDays: 30, effectiveDays: 0 });
    expect(await retention.sweep(NOW)).toBe(0);
    await storage.settings.set(RETENTION_SETTING, '');
    expect(await retention.state()).toMatchObject({ days: null, effectiveDays: 30 });
    expect(await retention.sweep(NOW)).toBe(2);
  });

  it('runs one sweep at a time: a second call joins the first', async () => {
    const { calls, counting } = await seeded(4);
    const retention = new RunRetention(counting, storage.settings, { envDays: 30, batchSize: 2, pauseMs: 5 });
    const [a, b] = await Promise.all([retention.sweep(NOW), retention.sweep(NOW)]);
    expect([a, b]).toEqual([4, 4]);
    expect(calls).toEqual([2, 2, 0]);
  });
});
