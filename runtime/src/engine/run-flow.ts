import type { Catalogue } from '../contract/catalogue.js';
import { type RunError, TailorError, toRunError } from '../contract/error-codes.js';
import type { FlowDocument } from '../contract/flow-document.js';
import type { RunEvent } from '../contract/run-events.js';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../contract/run-record.js';
import { ServiceRegistry } from '../contract/services.js';
import { EventStream } from './event-stream.js';
import { GraphRun } from './graph-run.js';
import { planGraph } from './plan.js';
import { type PinnedOutput, RunState } from './run-state.js';

export interface RunFlowOptions {
  catalogue: Catalogue;
  services?: ServiceRegistry;
  signal?: AbortSignal;
  /** Nodes running at once; default the flow's `settings.concurrency`, else 8. */
  concurrency?: number;
  runId?: string;
  sessionId?: string;
  /** Called synchronously for every event, in order (faster than iterating `events`). */
  onEvent?: (event: RunEvent) => void;
  /** Outputs taken from an earlier run instead of running those nodes (re-run from a node). */
  pinned?: Record<string, PinnedOutput>;
  /** Time limit of nodes that set none and whose type sets none; default 5 minutes. */
  defaultTimeoutMs?: number;
}

export type RunOutcomeStatus = 'succeeded' | 'failed' | 'cancelled';

export interface RunResult {
  status: RunOutcomeStatus;
  output: unknown;
  error?: RunError;
  record: RunRecord;
}

export interface RunHandle {
  runId: string;
  /** Every event of the run, in order, from the first, for each iterator. */
  events: AsyncIterable<RunEvent>;
  result: Promise<RunResult>;
  cancel(reason?: string): void;
}

/** The parts of a flow document the engine reads. */
export type RunnableFlow = Pick<FlowDocument, 'id' | 'nodes' | 'edges'> & Partial<Pick<FlowDocument, 'settings'>>;

export function runFlow(flow: RunnableFlow, inputs: Record<string, unknown>, options: RunFlowOptions): RunHandle {
  const runId = options.runId ?? crypto.randomUUID();
  const stream = new EventStream();
  const state = new RunState(
    runId,
    flow.id,
    inputs,
    options.sessionId,
    options.catalogue,
    options.services ?? new ServiceRegistry(),
    new Map(Object.entries(options.pinned ?? {})),
    options.defaultTimeoutMs ?? 300_000,
    stream,
    options.onEvent,
  );
  const stopListening = linkSignal(options.signal, state);
  const concurrency = options.concurrency ?? flow.settings?.concurrency ?? 8;
  // Start on the next microtask, so listeners called during the first steps already hold the handle.
  const result = Promise.resolve()
    .then(() => execute(flow, state, concurrency))
    .finally(() => {
      stopListening();
      stream.close();
    });
  return {
    runId,
    events: stream,
    result,
    cancel: (reason) => state.cancel(new TailorError('RUN_CANCELLED', reason)),
  };
}

async function execute(flow: RunnableFlow, state: RunState, concurrency: number): Promise<RunResult> {
  const startedAt = Date.now();
  state.publish({
    runId: state.runId,
    seq: state.nextSeq(),
    at: Date.now(),
    type: 'run.start',
    flowId: flow.id,
    inputs: { ...state.inputs },
  });
  const record: RunRecord = {
    schema: RUN_RECORD_SCHEMA,
    id: state.runId,
    flowId: flow.id,
    status: 'running',
    inputs: { ...state.inputs },
    startedAt,
    nodes: [],
  };
  let graph: GraphRun | undefined;
  let outcome: Pick<RunResult, 'status' | 'output' | 'error'>;
  try {
    const plan = planGraph(flow, state.catalogue);
    graph = new GraphRun(state, plan, Object.create(null), undefined, concurrency, state);
    record.nodes = graph.records;
    outcome = await graph.run();
  } catch (error) {
    outcome = { status: 'failed', output: undefined, error: toRunError(error, 'FLOW_INVALID') };
  }
  const endedAt = Date.now();
  record.status = outcome.status;
  record.output = outcome.output;
  record.error = outcome.error;
  record.endedAt = endedAt;
  record.durationMs = endedAt - startedAt;
  record.usage = state.usage;
  state.publish({
    runId: state.runId,
    seq: state.nextSeq(),
    at: Date.now(),
    type: 'run.end',
    status: outcome.status,
    output: outcome.output,
    error: outcome.error,
    durationMs: endedAt - startedAt,
    usage: state.usage,
  });
  return { status: outcome.status, output: outcome.output, error: outcome.error, record };
}

function linkSignal(signal: AbortSignal | undefined, state: RunState): () => void {
  if (!signal) return () => {};
  const abort = (): void => state.cancel(new TailorError('RUN_CANCELLED', describeReason(signal.reason)));
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

function describeReason(reason: unknown): string | undefined {
  if (reason instanceof TailorError) return undefined;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return typeof reason === 'string' ? reason : undefined;
}
