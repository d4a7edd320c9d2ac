// The thread that writes run records (see threaded-run-writes.ts): its own connection to the same
// SQLite file, so the server's thread only hands batches over.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from './database.js';
import { createRunRowWriter, type RunRowWrite } from './sqlite-runs.js';

const db = openSqlite(String(workerData.file));
const writeRows = createRunRowWriter(db);

parentPort?.on('message', (message: { id: number; rows: RunRowWrite[] } | 'close') => {
  if (message === 'close') {
    db.close();
    process.exit(0);
  }
  try {
    writeRows(message.rows);
    parentPort?.postMessage({ id: message.id });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
