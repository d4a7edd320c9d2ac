import type { NodeRecord } from '@tailor/runtime';
import type { AnyBulkWriteOperation, Connection, QueryFilter } from 'mongoose';
import { interruptedError } from '../run-interrupted.js';
import {
  decodeRunCursor,
  encodeRunCursor,
  type RunFilter,
  type RunStore,
  type RunSummary,
  type RunWrite,
  runSearchText,
  type StoredRun,
} from '../run-store.js';
import type { MongoModels, RunDoc } from './models.js';
import { mongoRunMetrics } from './mongo-run-metrics.js';

function toSummary(doc: RunDoc): RunSummary {
  const optional = {
    flowVersion: doc.flowVersion,
    sessionId: doc.sessionId,
    parentRunId: doc.parentRunId,
    parentNodeId: doc.parentNodeId,
    endedAt: doc.endedAt,
    durationMs: doc.durationMs,
    error: doc.error,
    usage: doc.usage,
    endUser: doc.endUser,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== null));
  return {
    id: doc._id,
    flowId: doc.flowId,
    status: doc.status,
    source: doc.source,
    startedAt: doc.startedAt,
    ...present,
  } as RunSummary;
}

function toOperation(op: RunWrite): AnyBulkWriteOperation<RunDoc> {
  if (op.kind === 'start') {
    const { id, schema: _schema, ...rest } = op.run;
    // The inputs' part of the search text is kept beside the run; the final write adds the rest.
    const searchInputs = runSearchText({ inputs: rest.inputs });
    return { insertOne: { document: { _id: id, ...rest, status: 'running', nodes: [], searchInputs } } };
  }
  if (op.kind === 'whole') {
    const { id, schema: _schema, ...rest } = op.run;
    return { insertOne: { document: { _id: id, ...rest, searchText: runSearchText(op.run) } } };
  }
  if (op.kind === 'nodes') return { updateOne: { filter: { _id: op.runId }, update: { $set: { nodes: op.nodes } } } };
  const { runId, nodes, ...end } = op.finish;
  const tail = runSearchText({ inputs: undefined, output: end.output, error: end.error });
  const searchText = { $concat: [{ $ifNull: ['$searchInputs', ''] }, tail] };
  // A pipeline update, so the search text can be built from the stored inputs in the same write;
  // every stored value goes in as $literal, since user data may hold keys that look like operators.
  const literal = Object.fromEntries(
    Object.entries({ ...end, nodes }).flatMap(([key, value]) =>
      value === undefined ? [] : [[key, { $literal: value }]],
    ),
  );
  return { updateOne: { filter: { _id: runId }, update: [{ $set: { ...literal, searchText } }] } };
}

export function createMongoRunStore(connection: Connection, models: MongoModels): RunStore {
  const { runs } = models;
  return {
    async write(batch) {
      if (batch.length === 0) return;
      const operations = batch.map(toOperation);
      await connection.transaction(async (session) => {
        await runs.bulkWrite(operations, { session, ordered: true });
      });
    },
    async get(id) {
      const doc = await runs.findById(id).lean<RunDoc>();
      if (!doc) return undefined;
      return {
        schema: 'tailor.run/v1',
        ...toSummary(doc),
        inputs: (doc.inputs ?? {}) as Record<string, unknown>,
        ...(doc.output === undefined || doc.output === null ? {} : { output: doc.output }),
        nodes: doc.nodes as NodeRecord[],
      } as StoredRun;
    },
    async list(filter) {
      const docs = await runs
        .find(toQuery(filter), { inputs: 0, output: 0, nodes: 0, searchText: 0, searchInputs: 0 })
        .sort({ startedAt: -1, _id: -1 })
        .limit(filter.limit + 1)
        .lean<RunDoc[]>();
      const page = docs.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        runs: page.map(toSummary),
        nextCursor: docs.length > filter.limit && last ? encodeRunCursor(last.startedAt, last._id) : null,
      };
    },
    async markInterrupted(now) {
      const ids = (await runs.find({ status: 'running' }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((d) => d._id);
      if (ids.length === 0) return [];
      await runs.updateMany({ _id: { $in: ids }, status: 'running' }, [
        {
          $set: {
            status: 'interrupted',
            error: { $literal: interruptedError() },
            endedAt: now,
            durationMs: { $subtract: [now, '$startedAt'] },
          },
        },
      ]);
      return ids;
    },
    async deleteStartedBefore(before, limit) {
      // Oldest first through the { startedAt, _id } index; one short deleteMany per batch.
      const ids = (
        await runs
          .find({ startedAt: { $lt: before }, status: { $ne: 'running' } }, { _id: 1 })
          .sort({ startedAt: 1, _id: 1 })
          .limit(limit)
          .lean<Array<{ _id: string }>>()
      ).map((doc) => doc._id);
      if (ids.length === 0) return 0;
      return (await runs.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
    metrics(range) {
      return mongoRunMetrics(models, range);
    },
  };
}

function toQuery(filter: RunFilter): QueryFilter<RunDoc> {
  const and: QueryFilter<RunDoc>[] = [];
  if (filter.flowId !== undefined) and.push({ flowId: filter.flowId });
  if (filter.status !== undefined) and.push({ status: filter.status });
  if (filter.sessionId !== undefined) and.push({ sessionId: filter.sessionId });
  if (filter.endUserId !== undefined) and.push({ 'endUser.id': filter.endUserId });
  if (filter.from !== undefined) and.push({ startedAt: { $gte: filter.from } });
  if (filter.to !== undefined) and.push({ startedAt: { $lt: filter.to } });
  if (filter.minDurationMs !== undefined) and.push({ durationMs: { $gte: filter.minDurationMs } });
  if (filter.maxDurationMs !== undefined) and.push({ durationMs: { $lte: filter.maxDurationMs } });
  if (filter.q !== undefined) {
    and.push({ $or: [{ _id: filter.q }, { $text: { $search: `"${filter.q.replaceAll('"', ' ')}"` } }] });
  }
  const cursor = filter.cursor ? decodeRunCursor(filter.cursor) : undefined;
  if (cursor) {
    and.push({
      $or: [{ startedAt: { $lt: cursor.startedAt } }, { startedAt: cursor.startedAt, _id: { $lt: cursor.id } }],
    });
  }
  return and.length > 0 ? { $and: and } : {};
}
