import { Worker } from 'node:worker_threads';
import type { RunStore, RunWrite } from '../run-store.js';
import { toRunRows } from './sqlite-runs.js';

/**
 * Run records are written by a thread of their own: inserting thousands of runs a second (rows,
 * indexes, the text index) would otherwise take a good part of the server's one JavaScript thread.
 * Reads stay on the caller's connection; WAL lets both connections work at once, and a batch is
 * committed before its promise resolves, so a read after `write` sees it.
 */
export function withWriterThread(store: RunStore, file: string): RunStore & { close(): Promise<void> } {
  const worker = new Worker(new URL('./run-write-worker.mjs', import.meta.url), { workerData: { file } });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.on('message', (reply: { id: number; error?: string }) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) waiting?.reject(new Error(reply.error));
    else waiting?.resolve();
  });
  worker.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  worker.unref();
  return {
    ...store,
    get: store.get.bind(store),
    list: store.list.bind(store),
    markInterrupted: store.markInterrupted.bind(store),
    write(batch: readonly RunWrite[]) {
      if (batch.length === 0) return Promise.resolve();
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        // Rows, not records: JSON columns are made here, so only flat values are copied across.
        const rows = toRunRows(batch);
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, rows });
      });
    },
    async close() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      // Unreferenced, the thread would not keep the process alive while it closes: a CLI command
      // awaiting this at the end of its work would exit with status 13 (unsettled await).
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
