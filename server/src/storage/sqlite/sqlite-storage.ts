import { join } from 'node:path';
import type { Storage } from '../storage.js';
import { openSqlite } from './database.js';
import { createSqliteCredentialStore } from './sqlite-credentials.js';
import { createSqliteDatasetStore } from './sqlite-datasets.js';
import { createSqliteEvaluationStore } from './sqlite-evaluations.js';
import { createSqliteFlowStore } from './sqlite-flows.js';
import { createSqliteKeyStore } from './sqlite-keys.js';
import { createSqliteRunStore } from './sqlite-runs.js';
import { createSqliteSessionStore } from './sqlite-sessions.js';
import { createSqliteSettingsStore } from './sqlite-settings.js';
import { withWriterThread } from './threaded-run-writes.js';

/**
 * The embedded store: one SQLite file `tailor.db` in the data directory (or `:memory:`). With
 * `writerThread`, run records are written by a thread of their own (the server uses it).
 */
export function createSqliteStorage(dataDirOrMemory: string, options: { writerThread?: boolean } = {}): Storage {
  const file = dataDirOrMemory === ':memory:' ? ':memory:' : join(dataDirOrMemory, 'tailor.db');
  const db = openSqlite(file);
  const runs = createSqliteRunStore(db);
  const threaded = options.writerThread && file !== ':memory:' ? withWriterThread(runs, file) : undefined;
  return {
    kind: 'sqlite',
    flows: createSqliteFlowStore(db),
    runs: threaded ?? runs,
    credentials: createSqliteCredentialStore(db),
    keys: createSqliteKeyStore(db),
    sessions: createSqliteSessionStore(db),
    datasets: createSqliteDatasetStore(db),
    evaluations: createSqliteEvaluationStore(db),
    settings: createSqliteSettingsStore(db),
    async close() {
      await threaded?.close();
      if (db.open) db.close();
    },
  };
}
