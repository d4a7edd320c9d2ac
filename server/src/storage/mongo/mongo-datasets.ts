import type { Dataset, DatasetStore } from '../dataset-store.js';
import { absentFields } from './absent-fields.js';
import type { DatasetDoc, MongoModels } from './models.js';

function toDataset(doc: DatasetDoc): Dataset {
  return {
    id: doc._id,
    name: doc.name,
    ...(doc.flowId ? { flowId: doc.flowId } : {}),
    items: doc.items as Dataset['items'],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function createMongoDatasetStore(models: MongoModels): DatasetStore {
  const { datasets } = models;
  return {
    async list() {
      const docs = await datasets.find({}, { items: 0 }).sort({ name: 1 }).lean<DatasetDoc[]>();
      return docs.map((doc) => ({
        id: doc._id,
        name: doc.name,
        ...(doc.flowId ? { flowId: doc.flowId } : {}),
        itemCount: doc.itemCount,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
      }));
    },
    async get(id) {
      const doc = await datasets.findById(id).lean<DatasetDoc>();
      return doc ? toDataset(doc) : undefined;
    },
    async put(dataset) {
      const { id, createdAt, ...rest } = dataset;
      const doc = await datasets
        .findOneAndUpdate(
          { _id: id },
          {
            $set: { ...rest, itemCount: rest.items.length },
            $unset: absentFields(rest, ['flowId']),
            $setOnInsert: { createdAt },
          },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<DatasetDoc>();
      if (!doc) throw new Error('dataset vanished after write');
      return toDataset(doc);
    },
    async delete(id) {
      return (await datasets.deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}
