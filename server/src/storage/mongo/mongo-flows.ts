import { FlowDocumentSchema } from '@tailor/runtime';
import type { Connection } from 'mongoose';
import type { FlowStore, FlowSummary, FlowVersion, StoredFlow } from '../flow-store.js';
import { conflict, notFound } from '../store-errors.js';
import type { FlowDoc, FlowVersionDoc, MongoModels } from './models.js';
import { isDuplicateKey } from './mongo-errors.js';

function toSummary(doc: FlowDoc): FlowSummary {
  return {
    id: doc._id,
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    revision: doc.revision,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedVersion: doc.publishedVersion ?? null,
  };
}

function toFlow(doc: FlowDoc): StoredFlow {
  return { ...toSummary(doc), document: FlowDocumentSchema.parse(doc.document) };
}

function toVersion(doc: FlowVersionDoc): FlowVersion {
  return {
    flowId: doc.flowId,
    version: doc.version,
    note: doc.note,
    createdAt: doc.createdAt,
    document: FlowDocumentSchema.parse(doc.document),
  };
}

export function createMongoFlowStore(connection: Connection, models: MongoModels): FlowStore {
  const { flows, versions } = models;
  const mustGet = async (id: string) => {
    const doc = await flows.findById(id).lean<FlowDoc>();
    if (!doc) throw notFound(`Flow "${id}"`);
    return doc;
  };
  return {
    async list() {
      return (await flows.find().sort({ updatedAt: -1, _id: 1 }).lean<FlowDoc[]>()).map(toSummary);
    },
    async get(id) {
      const doc = await flows.findById(id).lean<FlowDoc>();
      return doc ? toFlow(doc) : undefined;
    },
    async create(document, now) {
      try {
        const doc: FlowDoc = {
          _id: document.id,
          name: document.name,
          ...(document.description ? { description: document.description } : {}),
          document,
          revision: 1,
          createdAt: now,
          updatedAt: now,
          publishedVersion: null,
        };
        await flows.create(doc);
        return toFlow(doc);
      } catch (error) {
        if (isDuplicateKey(error)) throw conflict(`A flow with id "${document.id}" already exists.`);
        throw error;
      }
    },
    async update(document, expectedRevision, now) {
      // One conditional update: the revision check and the write cannot interleave with another writer.
      const filter =
        expectedRevision === undefined ? { _id: document.id } : { _id: document.id, revision: expectedRevision };
      const updated = await flows
        .findOneAndUpdate(
          filter,
          {
            $set: { name: document.name, description: document.description ?? '', document, updatedAt: now },
            $inc: { revision: 1 },
          },
          { returnDocument: 'after' },
        )
        .lean<FlowDoc>();
      if (updated) return toFlow(updated);
      const current = await flows.findById(document.id).lean<FlowDoc>();
      if (!current) throw notFound(`Flow "${document.id}"`);
      throw conflict(
        `Flow "${document.id}" was changed by someone else (revision ${current.revision}, not ${expectedRevision}).`,
      );
    },
    async delete(id) {
      return connection.transaction(async (session) => {
        const removed = await flows.deleteOne({ _id: id }, { session });
        await versions.deleteMany({ flowId: id }, { session });
        return removed.deletedCount > 0;
      });
    },
    async publish(id, note, now) {
      return connection.transaction(async (session) => {
        const flow = await flows.findById(id, null, { session }).lean<FlowDoc>();
        if (!flow) throw notFound(`Flow "${id}"`);
        const last = await versions
          .findOne({ flowId: id }, { version: 1 }, { session })
          .sort({ version: -1 })
          .lean<FlowVersionDoc>();
        const doc: FlowVersionDoc = {
          flowId: id,
          version: (last?.version ?? 0) + 1,
          note,
          document: flow.document,
          createdAt: now,
        };
        await versions.create([doc], { session });
        await flows.updateOne({ _id: id }, { $set: { publishedVersion: doc.version } }, { session });
        return toVersion(doc);
      });
    },
    async versions(id) {
      const docs = await versions.find({ flowId: id }, { document: 0 }).sort({ version: -1 }).lean<FlowVersionDoc[]>();
      return docs.map((doc) => ({
        flowId: doc.flowId,
        version: doc.version,
        note: doc.note,
        createdAt: doc.createdAt,
      }));
    },
    async version(id, version) {
      const doc = await versions.findOne({ flowId: id, version }).lean<FlowVersionDoc>();
      return doc ? toVersion(doc) : undefined;
    },
    async rollback(id, version, now) {
      await mustGet(id);
      const frozen = await versions.findOne({ flowId: id, version }).lean<FlowVersionDoc>();
      if (!frozen) throw notFound(`Version ${version} of flow "${id}"`);
      const document = FlowDocumentSchema.parse(frozen.document);
      const updated = await flows
        .findOneAndUpdate(
          { _id: id },
          {
            $set: {
              name: document.name,
              description: document.description ?? '',
              document,
              updatedAt: now,
              publishedVersion: version,
            },
            $inc: { revision: 1 },
          },
          { returnDocument: 'after' },
        )
        .lean<FlowDoc>();
      if (!updated) throw notFound(`Flow "${id}"`);
      return toFlow(updated);
    },
  };
}
