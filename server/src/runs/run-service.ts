import type { FlowDocument, RunEvent, RunEventOf } from '@tailor/runtime';
import type { Executor, RunRequest } from '../executors/executor.js';
import { HttpError, notFoundError } from '../http/http-error.js';
import type { RunBus, RunEnvelope } from '../realtime/run-bus.js';
import type { RunStart, RunStore, RunSummary, StoredRun } from '../storage/run-store.js';
import type { FlowResolver, VersionChoice } from './flow-resolver.js';
import { pinsForRerun } from './rerun-pins.js';
import { newRunId } from './run-id.js';
import type { RunRecorder } from './run-recorder.js';

export interface StartOptions {
  inputs: Record<string, unknown>;
  version: VersionChoice;
  source: RunSummary['source'];
  sessionId?: string;
  endUser?: RunRequest['endUser'];
  pinned?: RunRequest['pinned'];
  parentRunId?: string;
  parentNodeId?: string;
  /** The new run's id when the caller must know it before the run starts (sub-flows). */
  runId?: string;
  /** A validated document to run instead of the flow's draft (a single node cut out of it). */
  document?: FlowDocument;
  /** Called with every event of the run, subscribed before the run starts so nothing is missed. */
  onEvent?: (event: RunEvent) => void;
}

export interface StartedRun {
  runId: string;
  flowVersion?: number;
  /** Resolves with the run's last event. */
  ended: Promise<RunEventOf<'run.end'>>;
  /** Stops passing events to `onEvent` (the client left); the run itself goes on. */
  unfollow(): void;
}

/** Starting, following, cancelling, replaying and re-running runs, whatever executes them. */
export class RunService {
  readonly #deps: RunServiceDeps;

  constructor(deps: RunServiceDeps) {
    this.#deps = deps;
  }

  async start(flowId: string, options: StartOptions): Promise<StartedRun> {
    const { document, flowVersion } = options.document
      ? { document: options.document, flowVersion: undefined }
      : await this.#deps.resolver.resolve(flowId, options.version);
    // Built by assignment, not spreads of optional parts: this runs for every published call.
    const request: RunRequest = {
      runId: options.runId ?? newRunId(),
      flowId,
      document,
      inputs: options.inputs,
      source: options.source,
      acceptedAt: Date.now(),
    };
    const start: RunStart = {
      schema: 'tailor.run/v1',
      id: request.runId,
      flowId,
      inputs: request.inputs,
      startedAt: request.acceptedAt,
      source: request.source,
    };
    if (flowVersion !== undefined) request.flowVersion = start.flowVersion = flowVersion;
    if (options.sessionId) request.sessionId = start.sessionId = options.sessionId;
    if (options.endUser) request.endUser = start.endUser = options.endUser;
    if (options.pinned) request.pinned = options.pinned;
    if (options.parentRunId) request.parentRunId = start.parentRunId = options.parentRunId;
    if (options.parentNodeId) request.parentNodeId = start.parentNodeId = options.parentNodeId;
    const follow = this.#follow(request.runId, options.onEvent);
    this.#deps.recorder.begin(start);
    // A worker elsewhere updates the run's row: the row must exist before the job does.
    if (this.#deps.executor.kind !== 'in-process') await this.#deps.recorder.flush();
    try {
      await this.#deps.executor.start(request);
    } catch (error) {
      follow.stop();
      throw error;
    }
    return {
      runId: request.runId,
      ...(flowVersion !== undefined ? { flowVersion } : {}),
      ended: follow.ended,
      unfollow: follow.unfollow,
    };
  }

  async cancel(runId: string): Promise<boolean> {
    return this.#deps.executor.cancel(runId, 'cancelled by the user');
  }

  async get(runId: string): Promise<StoredRun> {
    await this.#deps.recorder.flush();
    const run = await this.#deps.runs.get(runId);
    if (!run) throw notFoundError(`Run "${runId}"`);
    return run;
  }

  /** The same flow version with the same inputs. */
  async replay(runId: string): Promise<StartedRun> {
    const run = await this.get(runId);
    return this.start(run.flowId, {
      inputs: run.inputs,
      version: run.flowVersion ?? 'draft',
      source: 'replay',
      parentRunId: run.id,
      ...(run.sessionId ? { sessionId: run.sessionId } : {}),
    });
  }

  /** Runs `fromNode` and everything below it again, with the recorded outputs of the rest. */
  async rerun(runId: string, fromNode: string): Promise<StartedRun> {
    const run = await this.get(runId);
    const version = run.flowVersion ?? 'draft';
    const { document } = await this.#deps.resolver.resolve(run.flowId, version);
    if (!document.nodes.some((node) => node.id === fromNode)) {
      throw new HttpError(400, 'REQUEST_INVALID', `The flow has no node "${fromNode}".`, [
        { path: ['fromNode'], message: `body.fromNode: no node "${fromNode}" in flow "${run.flowId}"` },
      ]);
    }
    return this.start(run.flowId, {
      inputs: run.inputs,
      version,
      source: 'rerun',
      parentRunId: run.id,
      pinned: pinsForRerun(document, run.nodes, fromNode),
    });
  }

  /**
   * Subscribes before the run starts, so nothing is missed. `unfollow` only stops `onEvent` (a
   * client went away); the subscription itself lasts until the run ends, so `ended` always settles.
   */
  #follow(runId: string, onEvent: ((event: RunEvent) => void) | undefined) {
    let deliver = onEvent;
    let unsubscribe: () => void = () => undefined;
    const ended = new Promise<RunEventOf<'run.end'>>((resolve) => {
      unsubscribe = this.#deps.bus.subscribeRun(runId, ({ event }: RunEnvelope) => {
        deliver?.(event);
        if (event.type === 'run.end') {
          unsubscribe();
          resolve(event);
        }
      });
    });
    return {
      ended,
      unfollow: () => {
        deliver = undefined;
      },
      /** For a run that never started: nothing will end it. */
      stop: () => unsubscribe(),
    };
  }
}

export interface RunServiceDeps {
  resolver: FlowResolver;
  executor: Executor;
  bus: RunBus;
  recorder: RunRecorder;
  runs: RunStore;
}
