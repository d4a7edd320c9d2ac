import type { ServerConfig } from '../config.js';
import { createMongoStorage } from './mongo/mongo-storage.js';
import { createSqliteStorage } from './sqlite/sqlite-storage.js';
import type { Storage } from './storage.js';

/** MongoDB when MONGODB_URI is set, else SQLite in the data directory. */
export function openStorage(config: Pick<ServerConfig, 'MONGODB_URI' | 'dataDir'>): Promise<Storage> {
  return config.MONGODB_URI
    ? createMongoStorage(config.MONGODB_URI)
    : Promise.resolve(createSqliteStorage(config.dataDir, { writerThread: true }));
}
