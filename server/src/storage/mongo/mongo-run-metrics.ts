import type { PipelineStage } from 'mongoose';
import {
  assembleMetrics,
  NODE_SAMPLE_RUNS,
  percentileOf,
  type RunMetrics,
  type RunMetricsRange,
  slowestNodes,
  TOP_ERRORS,
} from '../run-metrics.js';
import type { MongoModels } from './models.js';

interface BucketRow {
  _id: number;
  runs: number;
  failed: number;
  ended: number;
  tokens: number;
  cost: number;
  durations: Array<number | null>;
}

/**
 * The same figures as SQLite through aggregation pipelines: one $group per bucket (durations
 * gathered per bucket and ranked here, since `$percentile` needs MongoDB 7), node figures from
 * the newest ended runs of the range, errors grouped by code and message.
 */
export async function mongoRunMetrics(models: MongoModels, range: RunMetricsRange): Promise<RunMetrics> {
  const { runs } = models;
  const match: Record<string, unknown> = { startedAt: { $gte: range.from, $lt: range.to } };
  if (range.flowId !== undefined) match.flowId = range.flowId;
  const failedStatus = { $in: ['$status', ['failed', 'interrupted']] };
  const ended = { $ne: ['$status', 'running'] };
  const bucketStages: PipelineStage[] = [
    { $match: match },
    {
      $group: {
        _id: { $floor: { $divide: [{ $subtract: ['$startedAt', range.from] }, range.bucketMs] } },
        runs: { $sum: 1 },
        failed: { $sum: { $cond: [failedStatus, 1, 0] } },
        ended: { $sum: { $cond: [ended, 1, 0] } },
        tokens: { $sum: { $add: [{ $ifNull: ['$usage.input', 0] }, { $ifNull: ['$usage.output', 0] }] } },
        cost: { $sum: { $ifNull: ['$usage.cost', 0] } },
        durations: { $push: { $cond: [ended, '$durationMs', null] } },
      },
    },
  ];
  const bucketRows = await runs.aggregate<BucketRow>(bucketStages).allowDiskUse(true);
  const all: number[] = [];
  const rows = bucketRows.map((row) => {
    const sorted = row.durations.filter((d): d is number => typeof d === 'number').sort((a, b) => a - b);
    all.push(...sorted);
    // Non-empty here, so each percentile is a number.
    const q = (p: number) => percentileOf(sorted, p) as number;
    return {
      bucket: row._id,
      runs: row.runs,
      failed: row.failed,
      ended: row.ended,
      tokens: row.tokens,
      cost: row.cost,
      ...(sorted.length ? { p50: q(50), p95: q(95), p99: q(99) } : {}),
    };
  });
  all.sort((a, b) => a - b);

  const nodeRows = await runs.aggregate<{ _id: { nodeId: string; type: string }; durations: number[] }>([
    { $match: { ...match, status: { $ne: 'running' } } },
    { $sort: { startedAt: -1 } },
    { $limit: NODE_SAMPLE_RUNS },
    { $unwind: '$nodes' },
    { $match: { 'nodes.durationMs': { $type: 'number' } } },
    { $group: { _id: { nodeId: '$nodes.nodeId', type: '$nodes.type' }, durations: { $push: '$nodes.durationMs' } } },
  ]);
  const errorRows = await runs.aggregate<{ _id: { code: string; message: string }; count: number }>([
    { $match: { ...match, status: { $in: ['failed', 'interrupted'] }, error: { $ne: null } } },
    { $group: { _id: { code: '$error.code', message: '$error.message' }, count: { $sum: 1 } } },
    { $sort: { count: -1, '_id.code': 1 } },
    { $limit: TOP_ERRORS },
  ]);
  const endedCount = rows.reduce((sum, row) => sum + row.ended, 0);
  const p = (n: number) => percentileOf(all, n);
  return assembleMetrics(
    range,
    rows,
    all.length ? { p50: p(50) as number, p95: p(95) as number, p99: p(99) as number } : {},
    {
      slowestNodes: slowestNodes(
        nodeRows.map((row) => ({
          nodeId: row._id.nodeId,
          type: row._id.type,
          durations: [...row.durations].sort((a, b) => a - b),
        })),
      ),
      nodeSample: { runs: Math.min(endedCount, NODE_SAMPLE_RUNS), of: endedCount },
      topErrors: errorRows.map((row) => ({
        code: String(row._id.code),
        message: String(row._id.message ?? ''),
        count: row.count,
      })),
    },
  );
}
