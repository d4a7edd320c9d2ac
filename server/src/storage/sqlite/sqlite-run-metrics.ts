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

/** Nearest-rank percentile of ascending values (non-empty). */
function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.min(Math.max(Math.ceil((p / 100) * sorted.length), 1), sorted.length);
  return sorted[rank - 1] as number;
}

/**
 * Aggregates over a time range: counts, tokens and cost grouped by bucket in SQL; latency
 * percentiles from the range's durations, read from the covering time/flow index and sorted here;
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

    const counts = prepare(
      `SELECT CAST((started_at - @from) / @bucket AS INTEGER) AS bucket, COUNT(*) AS runs,
         SUM(status IN ('failed', 'interrupted')) AS failed, SUM(status != 'running') AS ended,
         TOTAL(json_extract(usage, '$.input')) + TOTAL(json_extract(usage, '$.output')) AS tokens,
         TOTAL(json_extract(usage, '$.cost')) AS cost
       FROM runs WHERE ${inRange} GROUP BY bucket`,
    ).all(bound) as Array<{
      bucket: number;
      runs: number;
      failed: number;
      ended: number;
      tokens: number;
      cost: number;
    }>;

    // Durations come from the covering time/flow index; sorting them here (typed arrays, per bucket)
    // is several times quicker than SQL window functions ranking them once per bucket and once overall.
    const durations = prepare(
      `SELECT CAST((started_at - @from) / @bucket AS INTEGER) AS bucket, duration_ms FROM runs
       WHERE ${inRange} AND status != 'running' AND duration_ms IS NOT NULL`,
    )
      .raw()
      .all(bound) as Array<[number, number]>;
    const perBucket = new Map<number, number[]>();
    const overall = new Float64Array(durations.length);
    for (const [index, [bucket, duration]] of durations.entries()) {
      overall[index] = duration;
      let list = perBucket.get(bucket);
      if (!list) {
        list = [];
        perBucket.set(bucket, list);
      }
      list.push(duration);
    }
    overall.sort();
    const quantiles = (sorted: ArrayLike<number>) =>
      sorted.length === 0
        ? {}
        : { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
    const rows = counts.map((row) => {
      const list = perBucket.get(row.bucket);
      return list ? { ...row, ...quantiles(Float64Array.from(list).sort()) } : row;
    });

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
    const ended = counts.reduce((sum, row) => sum + row.ended, 0);

    // Grouped by the stored error text first (no JSON work per run), then by code and message here.
    const errorTexts = prepare(
      `SELECT error, COUNT(*) AS count FROM runs
       WHERE ${flow}status IN ('failed', 'interrupted') AND started_at >= @from AND started_at < @to
         AND error IS NOT NULL
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

    return assembleMetrics(range, rows, quantiles(overall), {
      slowestNodes: slowestNodes(groups),
      nodeSample: { runs: Math.min(ended, NODE_SAMPLE_RUNS), of: ended },
      topErrors,
    });
  };
}
