import type { NodeRecord } from '@tailor/runtime';
import {
  assembleMetrics,
  NODE_SAMPLE_RUNS,
  type RunMetrics,
  type RunMetricsRange,
  slowestNodes,
  TOP_ERRORS,
} from '../run-metrics.js';
import type { SqliteDatabase } from './database.js';

/** 2^33 ms (about 99 days) per bucket in the keyed durations; longer durations are clipped to it. */
const BUCKET_STRIDE = 2 ** 33;
const MAX_DURATION = BUCKET_STRIDE - 1;

/** Nearest-rank percentile of ascending values (non-empty). */
function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.min(Math.max(Math.ceil((p / 100) * sorted.length), 1), sorted.length);
  return sorted[rank - 1] as number;
}

/**
 * Aggregates over a time range: counts, tokens and cost grouped by bucket in SQL, and latency
 * percentiles from the range's durations sorted here, both from the covering time/flow index;
 * node figures from the newest ended runs of the range (node records are JSON inside each run);
 * errors grouped by code and message through the status index.
 */
export function createSqliteRunMetrics(db: SqliteDatabase): (range: RunMetricsRange) => RunMetrics {
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return (range) => {
    const flow = range.flowId !== undefined ? 'flow_id = @flowId AND ' : '';
    const inRange = `${flow}started_at >= @from AND started_at < @to`;
    const plain = { from: range.from, to: range.to, ...(range.flowId !== undefined ? { flowId: range.flowId } : {}) };
    const bound = { ...plain, bucket: range.bucketMs };

    // Both reads walk only the covering time/flow index (bucket, status, duration, usage), never the rows.
    const counts = prepare(
      `SELECT CAST((started_at - @from) / @bucket AS INTEGER) AS bucket, COUNT(*) AS runs,
         SUM(status IN ('failed', 'interrupted')) AS failed, SUM(status != 'running') AS ended,
         TOTAL(usage ->> 'input') + TOTAL(usage ->> 'output') AS tokens, TOTAL(usage ->> 'cost') AS cost
       FROM runs WHERE ${inRange} GROUP BY bucket`,
    ).all(bound) as Array<{
      bucket: number;
      runs: number;
      failed: number;
      ended: number;
      tokens: number;
      cost: number;
    }>;
    // Durations come as one number per run, bucket × 2^33 + duration: one plucked value per row is
    // the cheapest way out of SQLite, and a single numeric sort then orders them by bucket and by
    // duration — each bucket's percentiles are read off its slice, no window functions needed.
    const keyed = Float64Array.from(
      prepare(
        `SELECT CAST((started_at - @from) / @bucket AS INTEGER) * ${BUCKET_STRIDE}.0 + MIN(duration_ms, ${MAX_DURATION})
         FROM runs WHERE ${inRange} AND status != 'running' AND duration_ms IS NOT NULL`,
      )
        .pluck()
        .all(bound) as number[],
    ).sort();
    const overall = new Float64Array(keyed.length);
    const slices = new Map<number, Float64Array>();
    let sliceStart = 0;
    for (let index = 0; index < keyed.length; index++) {
      const key = keyed[index] as number;
      const bucket = Math.floor(key / BUCKET_STRIDE);
      overall[index] = key - bucket * BUCKET_STRIDE;
      const next = keyed[index + 1];
      if (next === undefined || Math.floor(next / BUCKET_STRIDE) !== bucket) {
        slices.set(bucket, overall.subarray(sliceStart, index + 1));
        sliceStart = index + 1;
      }
    }
    const quantiles = (sorted: ArrayLike<number>) =>
      sorted.length === 0
        ? {}
        : { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
    // Each slice is sorted already; read them before `overall` is sorted as a whole below.
    const rows = counts.map((row) => ({ ...row, ...quantiles(slices.get(row.bucket) ?? []) }));
    const total = quantiles(overall.sort());

    // Parsing the newest runs' node arrays here is quicker than json_each with three json_extract per node.
    const sampled = prepare(
      `SELECT nodes FROM runs WHERE ${inRange} AND status != 'running' ORDER BY started_at DESC LIMIT ${NODE_SAMPLE_RUNS}`,
    ).all(plain) as Array<{ nodes: string }>;
    const byNode = new Map<string, { nodeId: string; type: string; durations: number[] }>();
    for (const row of sampled) {
      for (const node of JSON.parse(row.nodes) as NodeRecord[]) {
        if (typeof node.durationMs !== 'number') continue;
        const key = `${node.nodeId}\u0000${node.type}`;
        let group = byNode.get(key);
        if (!group) {
          group = { nodeId: node.nodeId, type: node.type, durations: [] };
          byNode.set(key, group);
        }
        group.durations.push(node.durationMs);
      }
    }
    const groups = [...byNode.values()];
    for (const group of groups) group.durations.sort((a, b) => a - b);
    const ended = rows.reduce((sum, row) => sum + row.ended, 0);

    // From the partial error indexes, grouped by the stored error text first (no JSON work per run),
    // then by code and message here. The unary + keeps SQLite off the status index, which would
    // visit every failed run's row for its error.
    const errorTexts = prepare(
      `SELECT error, COUNT(*) AS count FROM runs
       WHERE ${inRange} AND error IS NOT NULL AND +status IN ('failed', 'interrupted')
       GROUP BY error`,
    ).all(plain) as Array<{ error: string; count: number }>;
    const errorCounts = new Map<string, { code: string; message: string; count: number }>();
    for (const row of errorTexts) {
      const parsed = JSON.parse(row.error) as { code?: unknown; message?: unknown };
      const code = String(parsed.code ?? '');
      const message = String(parsed.message ?? '');
      const key = `${code}\u0000${message}`;
      const entry = errorCounts.get(key) ?? { code, message, count: 0 };
      entry.count += row.count;
      errorCounts.set(key, entry);
    }
    const topErrors = [...errorCounts.values()]
      .sort((x, y) => y.count - x.count || x.code.localeCompare(y.code))
      .slice(0, TOP_ERRORS);

    return assembleMetrics(range, rows, total, {
      slowestNodes: slowestNodes(groups),
      nodeSample: { runs: Math.min(ended, NODE_SAMPLE_RUNS), of: ended },
      topErrors,
    });
  };
}
