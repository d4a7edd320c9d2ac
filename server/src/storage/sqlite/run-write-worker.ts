// The thread that writes run records (see threaded-run-writes.ts): its own connection to the same
// SQLite file, so the server's thread only hands batches over.
import { parentPort, workerData } from 'node:worker_threads';
import type { RunWrite } from '../run-store.js';
import { openSqlite } from './database.js';
import { createSqliteRunStore } from './sqlite-runs.js';

const db = openSqlite(String(workerData.file));
const store = createSqliteRunStore(db);

parentPort?.on('message', (message: { id: number; batch: RunWrite[] } | 'close') => {
  if (message === 'close') {
    db.close();
    process.exit(0);
  }
  store.write(message.batch).then(
    () => parentPort?.postMessage({ id: message.id }),
    (error: unknown) =>
      parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
