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

interface BucketFold {
  bucket: number;
  runs: number;
  failed: number;
  ended: number;
  tokens: number;
  cost: number;
  durations: number[];
}

/** Nearest-rank percentile of ascending values (non-empty). */
function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.min(Math.max(Math.ceil((p / 100) * sorted.length), 1), sorted.length);
  return sorted[rank - 1] as number;
}

/**
 * Aggregates over a time range: counts, tokens, cost and latency percentiles per bucket from one
 * read of the covering time/flow index;
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

    // One pass over the covering time/flow index (bucket, status, duration, usage of each run),
    // folded here: parsing the usage once and sorting durations in typed arrays is several times
    // quicker than json_extract per field and window functions ranking durations per bucket.
    const scanned = prepare(
      `SELECT CAST((started_at - @from) / @bucket AS INTEGER), status, duration_ms, usage FROM runs WHERE ${inRange}`,
    )
      .raw()
      .all(bound) as Array<[number, string, number | null, string | null]>;
    const buckets = new Map<number, BucketFold>();
    const overall = new Float64Array(scanned.length);
    let timed = 0;
    for (const [bucket, status, duration, usage] of scanned) {
      let fold = buckets.get(bucket);
      if (!fold) {
        fold = { bucket, runs: 0, failed: 0, ended: 0, tokens: 0, cost: 0, durations: [] };
        buckets.set(bucket, fold);
      }
      fold.runs++;
      if (status === 'failed' || status === 'interrupted') fold.failed++;
      if (status !== 'running') {
        fold.ended++;
        if (duration !== null) {
          fold.durations.push(duration);
          overall[timed++] = duration;
        }
      }
      if (usage !== null) {
        const parsed = JSON.parse(usage) as { input?: number; output?: number; cost?: number };
        fold.tokens += (parsed.input ?? 0) + (parsed.output ?? 0);
        fold.cost += parsed.cost ?? 0;
      }
    }
    const quantiles = (sorted: ArrayLike<number>) =>
      sorted.length === 0
        ? {}
        : { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
    const rows = [...buckets.values()].map(({ durations, ...counts }) => ({
      ...counts,
      ...quantiles(Float64Array.from(durations).sort()),
    }));
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

    return assembleMetrics(range, rows, quantiles(overall.subarray(0, timed).sort()), {
      slowestNodes: slowestNodes(groups),
      nodeSample: { runs: Math.min(ended, NODE_SAMPLE_RUNS), of: ended },
      topErrors,
    });
  };
}
