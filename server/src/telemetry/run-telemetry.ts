import type { ServerConfig } from '../config.js';
import type { Storage } from '../storage/storage.js';
import { exportingRunStore } from './exporting-run-store.js';
import { otlpSettingsOf } from './otlp-settings.js';
import { RunTraceExporter, type RunTraceExporterOptions } from './run-trace-exporter.js';

export interface RunTelemetry {
  /** The storage to record runs through: finished runs also go to the exporter. */
  storage: Storage;
  /** Present when TAILOR_OTLP_ENDPOINT is set. */
  exporter?: RunTraceExporter;
  close(): Promise<void>;
}

/** Wires the OTLP export of finished runs into the recording path, when an endpoint is configured. */
export function startRunTelemetry(
  config: ServerConfig,
  storage: Storage,
  log: (message: string, error?: unknown) => void,
  options: RunTraceExporterOptions = {},
): RunTelemetry {
  const settings = otlpSettingsOf(config);
  if (!settings) return { storage, close: async () => undefined };
  const exporter = new RunTraceExporter(settings, { runs: storage.runs, flows: storage.flows }, { log, ...options });
  log(`exporting finished runs as OpenTelemetry traces to ${settings.tracesUrl}`);
  return {
    // Storage objects are plain records of stores, so replacing one store keeps the rest as they are.
    storage: { ...storage, runs: exportingRunStore(storage.runs, exporter) },
    exporter,
    close: () => exporter.close(),
  };
}
