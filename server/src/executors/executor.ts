import type { FlowDocument, ServiceRegistry } from '@tailor/runtime';
import type { RunSummary } from '../storage/run-store.js';

/** Everything needed to run a flow once, wherever it runs (this process or a worker). */
export interface RunRequest {
  runId: string;
  flowId: string;
  /** The published version run, absent for the draft. */
  flowVersion?: number;
  document: FlowDocument;
  inputs: Record<string, unknown>;
  source: RunSummary['source'];
  sessionId?: string;
  /** The visitor a host page vouched for (widget identity). */
  endUser?: RunSummary['endUser'];
  parentRunId?: string;
  parentNodeId?: string;
  /** Outputs taken from an earlier run's record (re-run from a node). */
  pinned?: Record<string, { output: unknown; ports?: string[] }>;
  /** Epoch ms the run was accepted; the run's recorded start. */
  acceptedAt: number;
}

/** Services handed to the engine for one run (credentials, providers, sessions…). */
export type ServicesFor = (request: RunRequest) => ServiceRegistry;

/**
 * Runs flows. The server records the run's start before handing it over; the executor publishes
 * every event on the run bus and records progress and the end.
 */
export interface Executor {
  readonly kind: 'in-process' | 'bullmq';
  start(request: RunRequest): Promise<void>;
  /** True when the run was found (queued or running) and asked to stop. */
  cancel(runId: string, reason?: string): Promise<boolean>;
  close(): Promise<void>;
}
