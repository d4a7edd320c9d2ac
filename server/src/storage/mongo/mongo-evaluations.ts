import { type Connection, Schema } from 'mongoose';
import {
  EvaluationGateSchema,
  EvaluationReportSchema,
  type EvaluationStore,
  EvaluationSummarySchema,
  type StoredEvaluation,
} from '../evaluation-store.js';

interface EvaluationDoc {
  _id: string;
  flowId: string;
  status: string;
  datasetId: string;
  documentHash: string;
  createdAt: number;
  /** The summary as the API returns it (progress is updated in place). */
  summary: unknown;
  report?: unknown;
}

interface EvaluationGateDoc {
  _id: string;
  gate: unknown;
}

const opts = { versionKey: false, minimize: false } as const;

const evaluationSchema = new Schema<EvaluationDoc>(
  {
    _id: String,
    flowId: { type: String, required: true },
    status: { type: String, required: true },
    datasetId: { type: String, required: true },
    documentHash: { type: String, required: true },
    createdAt: { type: Number, required: true },
    summary: { type: Schema.Types.Mixed, required: true },
    report: Schema.Types.Mixed,
  },
  opts,
);
evaluationSchema.index({ flowId: 1, createdAt: -1 });
evaluationSchema.index({ createdAt: -1 });

const gateSchema = new Schema<EvaluationGateDoc>({ _id: String, gate: { type: Schema.Types.Mixed } }, opts);

/** Its own models, created on the connection the other stores share. */
export async function createMongoEvaluationStore(connection: Connection): Promise<EvaluationStore> {
  const evaluations = connection.model('Evaluation', evaluationSchema, 'evaluations');
  const gates = connection.model('EvaluationGate', gateSchema, 'evaluation_gates');
  for (const model of [evaluations, gates]) {
    await model.createCollection();
    await model.createIndexes();
  }
  const summaryOf = (doc: EvaluationDoc) => EvaluationSummarySchema.parse(doc.summary);
  return {
    async put(evaluation: StoredEvaluation) {
      const { report, ...summary } = evaluation;
      await evaluations.replaceOne(
        { _id: summary.id },
        {
          _id: summary.id,
          flowId: summary.flowId,
          status: summary.status,
          datasetId: summary.datasetId,
          documentHash: summary.documentHash,
          createdAt: summary.createdAt,
          summary,
          ...(report === undefined ? {} : { report }),
        },
        { upsert: true },
      );
    },
    async progress(id, done, report) {
      await evaluations.updateOne(
        { _id: id, status: 'running' },
        { $set: { 'summary.progress.done': done, ...(report ? { report } : {}) } },
      );
    },
    async get(id) {
      const doc = await evaluations.findById(id).lean<EvaluationDoc>();
      if (!doc) return undefined;
      const summary = summaryOf(doc);
      return doc.report === undefined || doc.report === null
        ? summary
        : { ...summary, report: EvaluationReportSchema.parse(doc.report) };
    },
    async list(filter) {
      const query: Record<string, string> = {};
      if (filter.flowId !== undefined) query.flowId = filter.flowId;
      if (filter.status !== undefined) query.status = filter.status;
      if (filter.documentHash !== undefined) query.documentHash = filter.documentHash;
      if (filter.datasetId !== undefined) query.datasetId = filter.datasetId;
      const docs = await evaluations
        .find(query, { report: 0 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(filter.limit ?? 100)
        .lean<EvaluationDoc[]>();
      return docs.map(summaryOf);
    },
    async delete(id) {
      return (await evaluations.deleteOne({ _id: id })).deletedCount > 0;
    },
    async markInterrupted(now) {
      const running = await evaluations.find({ status: 'running' }, { report: 0 }).lean<EvaluationDoc[]>();
      for (const doc of running) {
        const summary = {
          ...summaryOf(doc),
          status: 'failed' as const,
          error: 'The server stopped while the evaluation ran; start it again.',
          finishedAt: now,
        };
        await evaluations.updateOne({ _id: doc._id, status: 'running' }, { $set: { status: 'failed', summary } });
      }
      return running.map((doc) => doc._id);
    },
    async gate(flowId) {
      const doc = await gates.findById(flowId).lean<EvaluationGateDoc>();
      return doc ? EvaluationGateSchema.parse(doc.gate) : undefined;
    },
    async setGate(flowId, gate) {
      if (gate === undefined) await gates.deleteOne({ _id: flowId });
      else await gates.updateOne({ _id: flowId }, { $set: { gate } }, { upsert: true });
    },
  };
}
