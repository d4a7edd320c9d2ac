import type { ValidationProblem } from '@tailor/runtime';
import type { FlowSummary } from '../storage/flow-store.js';
import type { ApiKeySummary } from '../storage/key-store.js';
import type { RunFilter, RunPage } from '../storage/run-store.js';

export interface PushResult {
  flowId: string;
  created: boolean;
  revision: number;
  /** The version published by this push, when asked to publish. */
  version?: number;
  problems: ValidationProblem[];
}

/**
 * What the flows-as-code commands do to an installation: on the local data directory directly,
 * or on a running server through its HTTP API with an admin token. Same results either way.
 */
export interface AdminTarget {
  readonly description: string;
  listFlows(): Promise<FlowSummary[]>;
  /** Creates or replaces the flow's draft; publishes it when asked (only a valid draft). */
  pushFlow(document: unknown, publish: boolean, note: string): Promise<PushResult>;
  createKey(options: { flowId?: string; origins: string[]; label?: string }): Promise<ApiKeySummary & { key: string }>;
  createAdminToken(): Promise<string>;
  listRuns(filter: Partial<RunFilter>): Promise<RunPage>;
  close(): Promise<void>;
}

/** A refusal the user can act on (an invalid flow, an unknown flow); the CLI exits with status 2. */
export class TargetRefusal extends Error {
  override readonly name = 'TargetRefusal';
  readonly problems: readonly ValidationProblem[];

  constructor(message: string, problems: readonly ValidationProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}
