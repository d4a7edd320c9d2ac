import type { CredentialStore, CredentialSummary, SealedCredential } from '../credential-store.js';
import { absentFields } from './absent-fields.js';
import type { CredentialDoc, MongoModels } from './models.js';

function toSealed(doc: CredentialDoc): SealedCredential {
  return {
    id: doc._id,
    kind: doc.kind,
    ...(doc.provider ? { provider: doc.provider } : {}),
    ...(doc.baseUrl ? { baseUrl: doc.baseUrl } : {}),
    masked: doc.masked ?? {},
    sealed: doc.sealed,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function createMongoCredentialStore(models: MongoModels): CredentialStore {
  const { credentials } = models;
  return {
    async list() {
      const docs = await credentials.find().sort({ _id: 1 }).lean<CredentialDoc[]>();
      return docs.map((doc): CredentialSummary => {
        const { sealed: _sealed, ...summary } = toSealed(doc);
        return summary;
      });
    },
    async get(id) {
      const doc = await credentials.findById(id).lean<CredentialDoc>();
      return doc ? toSealed(doc) : undefined;
    },
    async put(credential) {
      const { id, createdAt, ...rest } = credential;
      const doc = await credentials
        .findOneAndUpdate(
          { _id: id },
          { $set: rest, $unset: absentFields(rest, ['provider', 'baseUrl']), $setOnInsert: { createdAt } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<CredentialDoc>();
      if (!doc) throw new Error('credential vanished after write');
      return toSealed(doc);
    },
    async delete(id) {
      return (await credentials.deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}
