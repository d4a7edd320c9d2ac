import mongoose from 'mongoose';
import type { Storage } from '../storage.js';
import { createModels } from './models.js';
import { createMongoCredentialStore } from './mongo-credentials.js';
import { createMongoDatasetStore } from './mongo-datasets.js';
import { createMongoEvaluationStore } from './mongo-evaluations.js';
import { createMongoFlowStore } from './mongo-flows.js';
import { createMongoKeyStore } from './mongo-keys.js';
import { createMongoRunStore } from './mongo-runs.js';
import { createMongoSessionStore } from './mongo-sessions.js';
import { createMongoSettingsStore } from './mongo-settings.js';

/**
 * The MongoDB store (`MONGODB_URI`). Multi-document writes use transactions, so the server must be
 * a replica set (a single-node one is enough: `mongod --replSet rs0` + `rs.initiate()`).
 */
export async function createMongoStorage(uri: string, options: { dbName?: string } = {}): Promise<Storage> {
  const connection = await mongoose
    .createConnection(uri, { autoIndex: false, serverSelectionTimeoutMS: 10_000, ...options })
    .asPromise();
  const models = createModels(connection);
  // Collections must exist before a transaction writes to them; indexes are created here, once.
  for (const model of Object.values(models)) {
    await model.createCollection();
    await model.createIndexes();
  }
  return {
    kind: 'mongodb',
    flows: createMongoFlowStore(connection, models),
    runs: createMongoRunStore(connection, models),
    credentials: createMongoCredentialStore(models),
    keys: createMongoKeyStore(models),
    sessions: createMongoSessionStore(connection, models),
    datasets: createMongoDatasetStore(models),
    evaluations: await createMongoEvaluationStore(connection),
    settings: createMongoSettingsStore(models),
    async close() {
      await connection.close();
    },
  };
}
