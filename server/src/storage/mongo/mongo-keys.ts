import type { ApiKeySummary, KeyStore, StoredApiKey } from '../key-store.js';
import type { ApiKeyDoc, MongoModels } from './models.js';

function toStored(doc: ApiKeyDoc): StoredApiKey {
  return {
    id: doc._id,
    prefix: doc.prefix,
    hash: doc.hash,
    flowId: doc.flowId ?? null,
    origins: doc.origins ?? [],
    ...(doc.label ? { label: doc.label } : {}),
    createdAt: doc.createdAt,
    ...(doc.lastUsedAt === undefined ? {} : { lastUsedAt: doc.lastUsedAt }),
  };
}

function toSummary(doc: ApiKeyDoc): ApiKeySummary {
  const { hash: _hash, ...summary } = toStored(doc);
  return summary;
}

export function createMongoKeyStore(models: MongoModels): KeyStore {
  const { keys } = models;
  return {
    async list(flowId) {
      const docs = await keys
        .find(flowId === undefined ? {} : { flowId })
        .sort({ createdAt: -1 })
        .lean<ApiKeyDoc[]>();
      return docs.map(toSummary);
    },
    async create(key) {
      const { id, ...rest } = key;
      await keys.create({ _id: id, ...rest });
      const { hash: _hash, ...summary } = key;
      return summary;
    },
    async findByHash(hash) {
      const doc = await keys.findOne({ hash }).lean<ApiKeyDoc>();
      return doc ? toStored(doc) : undefined;
    },
    async touch(id, at) {
      await keys.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
    },
    async delete(id) {
      return (await keys.deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}
