/** @tailor/server: the composition root and what tests, the CLI and benchmarks start servers with. */
export { createApp } from './app.js';
export { readConfig, type ServerConfig } from './config.js';
export {
  createServerContext,
  type RunningServer,
  type ServerOptions,
  startServer,
  startWorkerProcess,
} from './main.js';
export type { RunBus, RunEnvelope } from './realtime/run-bus.js';
export { createMongoStorage } from './storage/mongo/mongo-storage.js';
export { openStorage } from './storage/open-storage.js';
export { type RunMetrics, resolveMetricsRange } from './storage/run-metrics.js';
export { type RunFilter, RunFilterSchema } from './storage/run-store.js';
export { openSqlite } from './storage/sqlite/database.js';
export { createSqliteStorage } from './storage/sqlite/sqlite-storage.js';
export type { Storage } from './storage/storage.js';
export { RunTraceExporter, type RunTraceExportStats } from './telemetry/run-trace-exporter.js';
export { spanIdOf, traceIdOf } from './telemetry/trace-ids.js';
