import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEvaluationStoreContract } from '../evaluation-store-contract.js';
import { encodeRunCursor } from '../run-store.js';
import { describeRunStoreContract, storedRun } from '../run-store-contract.js';
import { describeStorageContract } from '../storage-contract.js';
import { openSqlite } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { buildListQuery, createSqliteRunStore } from './sqlite-runs.js';
import { createSqliteStorage } from './sqlite-storage.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStorageContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-sqlite-'));
  dirs.push(dir);
  return createSqliteStorage(dir);
});

describeStorageContract('SQLite, run records written by their own thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-sqlite-'));
  dirs.push(dir);
  return createSqliteStorage(dir, { writerThread: true });
});

describeRunStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-sqlite-'));
  dirs.push(dir);
  return createSqliteStorage(dir, { writerThread: true });
});

describeEvaluationStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-sqlite-'));
  dirs.push(dir);
  return createSqliteStorage(dir);
});

describe('SQLite run listing', () => {
  const plan = (filter: Parameters<typeof buildListQuery>[0]) => {
    const db = openSqlite(':memory:');
    const { sql, params } = buildListQuery(filter);
    const rows = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params);
    db.close();
    return rows.map((row) => row.detail).join('\n');
  };

  it.each([
    [{ limit: 50 }, 'runs_by_time'],
    [{ limit: 50, flowId: 'faq' }, 'runs_by_flow'],
    [{ limit: 50, status: 'failed' as const }, 'runs_by_status'],
    [{ limit: 50, flowId: 'faq', status: 'failed' as const }, 'runs_by_flow_status'],
    // The next pages: a cursor beside a time range or a flow stays one index range.
    [{ limit: 50, cursor: encodeRunCursor(5, 'r5') }, 'runs_by_time'],
    [{ limit: 50, from: 1, cursor: encodeRunCursor(5, 'r5') }, 'runs_by_time'],
    [{ limit: 50, flowId: 'faq', from: 1, to: 9, cursor: encodeRunCursor(5, 'r5') }, 'runs_by_flow'],
    [{ limit: 50, status: 'failed' as const, from: 1, cursor: encodeRunCursor(5, 'r5') }, 'runs_by_status'],
  ])('walks an index in order instead of sorting a million rows (%o)', (filter, index) => {
    const detail = plan(filter);
    expect(detail).toContain(index);
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it('answers text search from the trigram index', () => {
    expect(plan({ limit: 50, q: 'parcel' })).toContain('VIRTUAL TABLE INDEX');
  });

  it('deletes the search text of runs removed by retention', async () => {
    const db = openSqlite(':memory:');
    const runs = createSqliteRunStore(db);
    await runs.write(Array.from({ length: 10 }, (_, i) => ({ kind: 'whole' as const, run: storedRun(`r${i}`, i) })));
    expect(await runs.deleteStartedBefore(6, 100)).toBe(6);
    const texts = db.prepare<[], { run_id: string }>('SELECT run_id FROM runs_text ORDER BY rowid').all();
    expect(texts.map((row) => row.run_id)).toEqual(['r6', 'r7', 'r8', 'r9']);
    db.close();
  });

  it('migrates an existing file only once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-sqlite-'));
    dirs.push(dir);
    openSqlite(join(dir, 'x.db')).close();
    const again = openSqlite(join(dir, 'x.db'));
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });
});
