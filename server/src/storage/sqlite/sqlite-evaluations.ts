import {
  EvaluationGateSchema,
  EvaluationReportSchema,
  type EvaluationStore,
  type EvaluationSummary,
  EvaluationSummarySchema,
  type StoredEvaluation,
} from '../evaluation-store.js';
import type { SqliteDatabase } from './database.js';

interface EvaluationRow {
  id: string;
  summary: string;
  report: string | null;
}

const summaryOf = (row: { summary: string }): EvaluationSummary =>
  EvaluationSummarySchema.parse(JSON.parse(row.summary));

export function createSqliteEvaluationStore(db: SqliteDatabase): EvaluationStore {
  const upsert = db.prepare(
    `INSERT INTO evaluations (id, flow_id, status, dataset_id, document_hash, created_at, summary, report)
     VALUES (@id, @flowId, @status, @datasetId, @documentHash, @createdAt, @summary, @report)
     ON CONFLICT (id) DO UPDATE SET flow_id = excluded.flow_id, status = excluded.status,
       dataset_id = excluded.dataset_id, document_hash = excluded.document_hash, summary = excluded.summary,
       report = excluded.report`,
  );
  const getRow = db.prepare<[string], EvaluationRow>('SELECT id, summary, report FROM evaluations WHERE id = ?');
  const progress = db.prepare(
    `UPDATE evaluations SET summary = json_set(summary, '$.progress.done', ?)
     WHERE id = ? AND status = 'running'`,
  );
  const progressWithReport = db.prepare(
    `UPDATE evaluations SET summary = json_set(summary, '$.progress.done', ?), report = ?
     WHERE id = ? AND status = 'running'`,
  );
  return {
    async put(evaluation: StoredEvaluation) {
      const { report, ...summary } = evaluation;
      upsert.run({
        id: summary.id,
        flowId: summary.flowId,
        status: summary.status,
        datasetId: summary.datasetId,
        documentHash: summary.documentHash,
        createdAt: summary.createdAt,
        summary: JSON.stringify(summary),
        report: report === undefined ? null : JSON.stringify(report),
      });
    },
    async progress(id, done, report) {
      if (report) progressWithReport.run(done, JSON.stringify(report), id);
      else progress.run(done, id);
    },
    async get(id) {
      const row = getRow.get(id);
      if (!row) return undefined;
      const summary = summaryOf(row);
      return row.report === null
        ? summary
        : { ...summary, report: EvaluationReportSchema.parse(JSON.parse(row.report)) };
    },
    async list(filter) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      const add = (sql: string, value: string | undefined) => {
        if (value === undefined) return;
        where.push(sql);
        params.push(value);
      };
      add('flow_id = ?', filter.flowId);
      add('status = ?', filter.status);
      add('document_hash = ?', filter.documentHash);
      add('dataset_id = ?', filter.datasetId);
      const sql = `SELECT summary FROM evaluations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT ?`;
      return db
        .prepare<Array<string | number>, { summary: string }>(sql)
        .all(...params, filter.limit ?? 100)
        .map(summaryOf);
    },
    async delete(id) {
      return db.prepare('DELETE FROM evaluations WHERE id = ?').run(id).changes > 0;
    },
    async markInterrupted(now) {
      const rows = db
        .prepare<[], { id: string; summary: string }>("SELECT id, summary FROM evaluations WHERE status = 'running'")
        .all();
      const mark = db.prepare(`UPDATE evaluations SET status = 'failed', summary = ? WHERE id = ?`);
      db.transaction(() => {
        for (const row of rows) {
          const summary = summaryOf(row);
          mark.run(
            JSON.stringify({
              ...summary,
              status: 'failed',
              error: 'The server stopped while the evaluation ran; start it again.',
              finishedAt: now,
            }),
            row.id,
          );
        }
      })();
      return rows.map((row) => row.id);
    },
    async gate(flowId) {
      const row = db
        .prepare<[string], { gate: string }>('SELECT gate FROM evaluation_gates WHERE flow_id = ?')
        .get(flowId);
      return row ? EvaluationGateSchema.parse(JSON.parse(row.gate)) : undefined;
    },
    async setGate(flowId, gate) {
      if (gate === undefined) db.prepare('DELETE FROM evaluation_gates WHERE flow_id = ?').run(flowId);
      else
        db.prepare(
          'INSERT INTO evaluation_gates (flow_id, gate) VALUES (?, ?) ON CONFLICT (flow_id) DO UPDATE SET gate = excluded.gate',
        ).run(flowId, JSON.stringify(gate));
    },
  };
}
