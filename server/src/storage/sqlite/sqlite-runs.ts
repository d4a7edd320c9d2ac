import type { NodeRecord } from '@tailor/runtime';
import { interruptedError } from '../run-interrupted.js';
import {
  decodeRunCursor,
  encodeRunCursor,
  type RunFilter,
  type RunFinish,
  type RunStart,
  type RunStore,
  type RunSummary,
  type RunWrite,
  runSearchText,
  type StoredRun,
} from '../run-store.js';
import { compact, parseJson, type SqliteDatabase, toJson } from './database.js';
import { createSqliteRunMetrics } from './sqlite-run-metrics.js';

interface RunRow {
  id: string;
  flow_id: string;
  flow_version: number | null;
  status: StoredRun['status'];
  source: StoredRun['source'];
  session_id: string | null;
  parent_run_id: string | null;
  parent_node_id: string | null;
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
  inputs: string;
  output: string | null;
  error: string | null;
  usage: string | null;
  nodes: string;
  end_user: string | null;
}

const SUMMARY_COLUMNS =
  'id, flow_id, flow_version, status, source, session_id, parent_run_id, parent_node_id, started_at, ended_at, duration_ms, error, usage, end_user';

function toSummary(row: Omit<RunRow, 'inputs' | 'output'>): RunSummary {
  return compact({
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    status: row.status,
    source: row.source,
    sessionId: row.session_id,
    parentRunId: row.parent_run_id,
    parentNodeId: row.parent_node_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    error: parseJson(row.error),
    usage: parseJson(row.usage),
    endUser: parseJson(row.end_user),
  }) as RunSummary;
}

export function createSqliteRunStore(db: SqliteDatabase): RunStore {
  const writeRows = createRunRowWriter(db);
  const getRun = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');

  const metrics = createSqliteRunMetrics(db);
  const oldestEnded = db.prepare<[number, number], { id: string }>(
    "SELECT id FROM runs WHERE started_at < ? AND status != 'running' ORDER BY started_at, id LIMIT ?",
  );
  const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?');
  const firstTextRows = db.prepare<[number], { rowid: number; run_id: string }>(
    'SELECT rowid, run_id FROM runs_text ORDER BY rowid LIMIT ?',
  );
  const runExists = db.prepare<[string], number>('SELECT 1 FROM runs WHERE id = ?').pluck();
  const deleteText = db.prepare('DELETE FROM runs_text WHERE rowid = ?');

  /**
   * The text index keeps the run id unindexed, so a run's row there cannot be found by id without a
   * scan. Its rows are added as runs end, so the oldest runs' rows are at its front: drop rows there
   * whose run is gone, up to the first row of a run that is still kept.
   */
  const sweepText = (max: number) => {
    for (const row of firstTextRows.all(max)) {
      if (runExists.get(row.run_id) !== undefined) return;
      deleteText.run(row.rowid);
    }
  };

  const deleteBefore = db.transaction((before: number, limit: number) => {
    const ids = oldestEnded.all(before, limit);
    for (const { id } of ids) deleteRun.run(id);
    sweepText(limit * 2);
    return ids.length;
  });

  return {
    async write(batch) {
      if (batch.length > 0) writeRows(toRunRows(batch));
    },
    async get(id) {
      const row = getRun.get(id);
      if (!row) return undefined;
      return {
        schema: 'tailor.run/v1',
        ...toSummary(row),
        inputs: JSON.parse(row.inputs) as Record<string, unknown>,
        ...(row.output === null ? {} : { output: JSON.parse(row.output) }),
        nodes: JSON.parse(row.nodes) as NodeRecord[],
      };
    },
    async list(filter) {
      const qIsRunId = filter.q !== undefined && getRun.get(filter.q) !== undefined;
      const { sql, params } = buildListQuery(filter, qIsRunId);
      const rows = db.prepare<unknown[], RunRow & { text_row?: number }>(sql).all(...params);
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        runs: page.map(toSummary),
        nextCursor: rows.length > filter.limit && last ? cursorAfter(last) : null,
      };
    },
    async markInterrupted(now) {
      const ids = db
        .prepare<[], { id: string }>("SELECT id FROM runs WHERE status = 'running'")
        .all()
        .map((row) => row.id);
      db.prepare(
        `UPDATE runs SET status = 'interrupted', error = ?, ended_at = ?, duration_ms = ? - started_at
         WHERE status = 'running'`,
      ).run(JSON.stringify(interruptedError()), now, now);
      return ids;
    },
    async deleteStartedBefore(before, limit) {
      return deleteBefore.immediate(before, limit);
    },
    async metrics(range) {
      return metrics(range);
    },
  };
}

/**
 * A run write as SQLite binds it: the JSON columns already text. Made on the server's thread, so a
 * batch crosses to the writer thread as flat strings and numbers (cheap to copy) instead of whole
 * run records, and the writer thread only binds. `finish` keeps the output and error for the
 * search text, which needs the stored inputs.
 */
export type RunRowWrite =
  | { kind: 'insert'; values: ColumnValue[]; searchText: string | null }
  | { kind: 'nodes'; runId: string; nodes: string }
  | { kind: 'finish'; values: ColumnValue[]; runId: string; output: unknown; error: unknown };

type ColumnValue = string | number | null;

function insertValues(run: RunStart | StoredRun): ColumnValue[] {
  const whole = 'status' in run ? run : undefined;
  return [
    run.id,
    run.flowId,
    run.flowVersion ?? null,
    whole?.status ?? 'running',
    run.source,
    run.sessionId ?? null,
    run.parentRunId ?? null,
    run.parentNodeId ?? null,
    run.startedAt,
    whole?.endedAt ?? null,
    whole?.durationMs ?? null,
    JSON.stringify(run.inputs),
    toJson(whole?.output),
    toJson(whole?.error),
    toJson(whole?.usage),
    JSON.stringify(whole?.nodes ?? []),
    run.endUser?.id ?? null,
    toJson(run.endUser),
  ];
}

function finishValues(end: RunFinish): ColumnValue[] {
  return [
    end.status,
    toJson(end.output),
    toJson(end.error),
    end.endedAt,
    end.durationMs,
    toJson(end.usage),
    JSON.stringify(end.nodes),
    end.runId,
  ];
}

export function toRunRows(batch: readonly RunWrite[]): RunRowWrite[] {
  return batch.map((op): RunRowWrite => {
    if (op.kind === 'start') return { kind: 'insert', values: insertValues(op.run), searchText: null };
    if (op.kind === 'whole') return { kind: 'insert', values: insertValues(op.run), searchText: runSearchText(op.run) };
    if (op.kind === 'nodes') return { kind: 'nodes', runId: op.runId, nodes: JSON.stringify(op.nodes) };
    const { finish } = op;
    return {
      kind: 'finish',
      values: finishValues(finish),
      runId: finish.runId,
      output: finish.output,
      error: finish.error,
    };
  });
}

/** Writes rows made by `toRunRows` in one transaction (on whichever thread owns `db`). */
export function createRunRowWriter(db: SqliteDatabase): (rows: readonly RunRowWrite[]) => void {
  const insertRun = db.prepare(
    `INSERT INTO runs (id, flow_id, flow_version, status, source, session_id, parent_run_id, parent_node_id,
       started_at, ended_at, duration_ms, inputs, output, error, usage, nodes, end_user_id, end_user)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateNodes = db.prepare('UPDATE runs SET nodes = ? WHERE id = ?');
  const finishRun = db.prepare(
    `UPDATE runs SET status = ?, output = ?, error = ?, ended_at = ?, duration_ms = ?, usage = ?, nodes = ?
     WHERE id = ?`,
  );
  const getInputs = db.prepare<[string], { inputs: string }>('SELECT inputs FROM runs WHERE id = ?');
  const insertText = db.prepare('INSERT INTO runs_text (run_id, body) VALUES (?, ?)');
  const write = db.transaction((rows: readonly RunRowWrite[]) => {
    for (const row of rows) {
      if (row.kind === 'insert') {
        insertRun.run(row.values);
        if (row.searchText !== null) insertText.run(row.values[0], row.searchText);
      } else if (row.kind === 'nodes') {
        updateNodes.run(row.nodes, row.runId);
      } else if (finishRun.run(row.values).changes > 0) {
        const inputs = parseJson(getInputs.get(row.runId)?.inputs);
        insertText.run(row.runId, runSearchText({ inputs, output: row.output, error: row.error }));
      }
    }
  });
  return (rows) => {
    if (rows.length > 0) write.immediate(rows);
  };
}

/** Marks a cursor of a text search: its position is the text index's row, not a start time. */
const TEXT_CURSOR = '~text';

/**
 * A keyset query. Without `q` it walks the index that matches the filters, newest start first.
 * With `q` it walks the trigram index newest entry first (runs are indexed as they end) and joins
 * each hit to its run, so a frequent word costs one page of hits, not every match.
 */
export function buildListQuery(filter: RunFilter, qIsRunId = false): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  // A pasted run id finds that run; other text goes to the trigram index (three characters at least).
  const text = filter.q !== undefined && filter.q.length >= 3 && !qIsRunId ? filter.q : undefined;
  const column = (name: string) => (text ? `r.${name}` : name);
  if (text) add('runs_text MATCH ?', `"${text.replaceAll('"', '""')}"`);
  else if (filter.q !== undefined) add('id = ?', filter.q);
  if (filter.flowId !== undefined) add(`${column('flow_id')} = ?`, filter.flowId);
  if (filter.status !== undefined) add(`${column('status')} = ?`, filter.status);
  if (filter.sessionId !== undefined) add(`${column('session_id')} = ?`, filter.sessionId);
  if (filter.endUserId !== undefined) add(`${column('end_user_id')} = ?`, filter.endUserId);
  if (filter.from !== undefined) add(`${column('started_at')} >= ?`, filter.from);
  if (filter.to !== undefined) add(`${column('started_at')} < ?`, filter.to);
  if (filter.minDurationMs !== undefined) add(`${column('duration_ms')} >= ?`, filter.minDurationMs);
  if (filter.maxDurationMs !== undefined) add(`${column('duration_ms')} <= ?`, filter.maxDurationMs);
  const cursor = filter.cursor ? decodeRunCursor(filter.cursor) : undefined;
  if (text && cursor?.id === TEXT_CURSOR) add('t.rowid < ?', cursor.startedAt);
  // A row-value comparison keeps one index range: spelt with OR, a cursor beside a time filter made
  // SQLite gather the whole time range from two indexes and sort it (tens of ms on a busy day).
  else if (!text && cursor) add('(started_at, id) < (?, ?)', cursor.startedAt, cursor.id);
  const filters = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sql = text
    ? `SELECT ${SUMMARY_COLUMNS.split(', ')
        .map((c) => `r.${c}`)
        .join(', ')}, t.rowid AS text_row
       FROM runs_text t JOIN runs r ON r.id = t.run_id ${filters} ORDER BY t.rowid DESC LIMIT ?`
    : `SELECT ${SUMMARY_COLUMNS} FROM runs ${filters} ORDER BY started_at DESC, id DESC LIMIT ?`;
  params.push(filter.limit + 1);
  return { sql, params };
}

/** Where the next page starts: after the last row's start (and id), or its text index row. */
function cursorAfter(row: RunRow & { text_row?: number }): string {
  return row.text_row === undefined
    ? encodeRunCursor(row.started_at, row.id)
    : encodeRunCursor(row.text_row, TEXT_CURSOR);
}
