import { join } from 'node:path';
import type { Storage } from '../storage.js';
import { openSqlite } from './database.js';
import { createSqliteCredentialStore } from './sqlite-credentials.js';
import { createSqliteDatasetStore } from './sqlite-datasets.js';
import { createSqliteFlowStore } from './sqlite-flows.js';
import { createSqliteKeyStore } from './sqlite-keys.js';
import { createSqliteRunStore } from './sqlite-runs.js';
import { createSqliteSessionStore } from './sqlite-sessions.js';
import { createSqliteSettingsStore } from './sqlite-settings.js';

/** The embedded store: one SQLite file `tailor.db` in the data directory (or `:memory:`). */
export function createSqliteStorage(dataDirOrMemory: string): Storage {
  const file = dataDirOrMemory === ':memory:' ? ':memory:' : join(dataDirOrMemory, 'tailor.db');
  const db = openSqlite(file);
  return {
    kind: 'sqlite',
    flows: createSqliteFlowStore(db),
    runs: createSqliteRunStore(db),
    credentials: createSqliteCredentialStore(db),
    keys: createSqliteKeyStore(db),
    sessions: createSqliteSessionStore(db),
    datasets: createSqliteDatasetStore(db),
    settings: createSqliteSettingsStore(db),
    async close() {
      if (db.open) db.close();
    },
  };
}
