import { serviceKey } from '@tailor/runtime';

export interface SubflowRequest {
  flowId: string;
  /** Which version of the other flow: its published one (the default), the draft, or a number. */
  version: 'published' | 'draft' | number;
  inputs: Record<string, unknown>;
  /** The run and node that start it, so its record is linked to (and shown under) the parent's. */
  parentRunId: string;
  parentNodeId: string;
  sessionId?: string;
  /** Aborting it cancels the other flow's run. */
  signal: AbortSignal;
}

export interface SubflowResult {
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  output: unknown;
  error?: { code: string; message: string; details?: unknown };
}

/** Runs another stored flow; the server provides it (the CLI has no store of flows). */
export interface SubflowRunner {
  run(request: SubflowRequest): Promise<SubflowResult>;
}

export const SubflowService = serviceKey<SubflowRunner>(
  'subflows',
  'running other flows, which needs the Tailor server (flows are stored there)',
);
