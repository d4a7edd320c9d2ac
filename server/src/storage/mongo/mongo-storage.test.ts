import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { describe, it } from 'vitest';
import { describeEvaluationStoreContract } from '../evaluation-store-contract.js';
import { describeRunStoreContract } from '../run-store-contract.js';
import { describeStorageContract } from '../storage-contract.js';
import { createMongoStorage } from './mongo-storage.js';

const uri = process.env.MONGODB_URI;

if (uri) {
  // Each test gets a fresh database, dropped when the store closes.
  const openMongo = async () => {
    const dbName = `tailor_test_${randomUUID().slice(0, 8)}`;
    const storage = await createMongoStorage(uri, { dbName });
    return {
      ...storage,
      async close() {
        const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
        await connection.dropDatabase();
        await connection.close();
        await storage.close();
      },
    };
  };
  describeStorageContract('MongoDB', openMongo);
  describeRunStoreContract('MongoDB', openMongo);
  describeEvaluationStoreContract('MongoDB', openMongo);
} else {
  describe('storage contract: MongoDB', () => {
    it.skip('SKIPPED: set MONGODB_URI (a replica set, e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0) to run the contract suite against MongoDB', () => {});
  });
  console.warn('[storage contract] MongoDB SKIPPED: MONGODB_URI is not set, no MongoDB server to test against.');
}
