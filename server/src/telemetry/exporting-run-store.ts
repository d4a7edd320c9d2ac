import type { RunStore } from '../storage/run-store.js';
import type { RunTraceExporter } from './run-trace-exporter.js';

/**
 * The run store the recorder writes through: once a batch is committed, every run it finished is
 * handed to the exporter (which only queues), so export never delays or fails a write.
 */
export function exportingRunStore<S extends RunStore>(store: S, exporter: Pick<RunTraceExporter, 'add'>): S {
  return {
    ...store,
    async write(batch) {
      await store.write(batch);
      for (const op of batch) {
        if (op.kind === 'whole' && op.run.status !== 'running') exporter.add(op.run);
        else if (op.kind === 'finish') exporter.add(op.finish.runId);
      }
    },
  };
}
