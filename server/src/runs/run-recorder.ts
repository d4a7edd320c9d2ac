import type { NodeRecord, RunEvent } from '@tailor/runtime';
import type { RunFinish, RunStart, RunStore, RunWrite, StoredRun } from '../storage/run-store.js';

/** A start not yet written; it becomes the whole run if the run ends before the next write. */
interface PendingStart {
  op: { kind: 'start'; run: RunStart };
  whole?: StoredRun;
}

interface LiveRun {
  /** Made at the first write that folds this run's progress. */
  nodes?: Map<string, NodeRecord>;
  /** Node events not folded yet: most runs end before the next write and never need folding. */
  unfolded: RunEvent[];
}

/**
 * Write-behind recording of runs: starts, node progress and final records are queued and written
 * in one transaction every few milliseconds, so thousands of short runs a second cost a few
 * writes, not thousands. A run's start is always written before its progress and its end.
 */
export class RunRecorder {
  readonly #store: RunStore;
  readonly #intervalMs: number;
  readonly #queue: Array<RunWrite | PendingStart> = [];
  readonly #pendingStarts = new Map<string, PendingStart>();
  readonly #live = new Map<string, LiveRun>();
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #onError: (error: unknown) => void;

  constructor(store: RunStore, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
    this.#store = store;
    this.#intervalMs = options.intervalMs ?? 20;
    this.#onError = options.onError ?? ((error) => console.error('[tailor] recording runs failed:', error));
  }

  begin(run: RunStart): void {
    const pending: PendingStart = { op: { kind: 'start', run } };
    this.#pendingStarts.set(run.id, pending);
    this.#queue.push(pending);
    this.#afterEnqueue();
  }

  /** Folds a node event into the run's live node records (flow-level nodes; nested ones come at the end). */
  event(event: RunEvent): void {
    if (!('nodeId' in event) || event.scope !== undefined || event.type === 'node.delta') return;
    let live = this.#live.get(event.runId);
    if (!live) {
      live = { unfolded: [] };
      this.#live.set(event.runId, live);
    }
    live.unfolded.push(event);
    this.#schedule();
  }

  finish(finish: RunFinish): void {
    this.#live.delete(finish.runId);
    // A run that starts and ends between two writes is stored in one insert instead of two writes.
    const start = this.#pendingStarts.get(finish.runId);
    if (start) {
      this.#pendingStarts.delete(finish.runId);
      start.whole = wholeRunOf(start.op.run, finish);
      return;
    }
    this.#enqueue({ kind: 'finish', finish });
  }

  /** Resolves once everything recorded so far is stored. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#drain();
    this.#writing = this.#writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.#store.write(batch);
      } catch (error) {
        this.#onError(error);
      }
    });
    return this.#writing;
  }

  #drain(): RunWrite[] {
    this.#pendingStarts.clear();
    const batch = this.#queue
      .splice(0)
      .map((item): RunWrite => ('op' in item ? (item.whole ? { kind: 'whole', run: item.whole } : item.op) : item));
    for (const [runId, live] of this.#live) {
      if (live.unfolded.length === 0) continue;
      live.nodes ??= new Map<string, NodeRecord>();
      const nodes = live.nodes;
      for (const event of live.unfolded.splice(0)) {
        if ('nodeId' in event) nodes.set(event.nodeId, foldNodeEvent(nodes.get(event.nodeId), event));
      }
      batch.push({ kind: 'nodes', runId, nodes: [...nodes.values()] });
    }
    return batch;
  }

  #enqueue(write: RunWrite): void {
    this.#queue.push(write);
    this.#afterEnqueue();
  }

  #afterEnqueue(): void {
    if (this.#queue.length >= 1_000) void this.flush();
    else this.#schedule();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#intervalMs);
  }
}

/**
 * The start and the end of a run as one record (what `wholeRun` of the run store makes), without
 * a rest pattern: V8 copies `{ a, ...rest }` through a slow runtime call, and this runs per run.
 */
function wholeRunOf(start: RunStart, end: RunFinish): StoredRun {
  const run: StoredRun = {
    ...start,
    status: end.status,
    endedAt: end.endedAt,
    durationMs: end.durationMs,
    nodes: end.nodes,
  };
  if (end.output !== undefined) run.output = end.output;
  if (end.error !== undefined) run.error = end.error;
  if (end.usage !== undefined) run.usage = end.usage;
  return run;
}

function foldNodeEvent(previous: NodeRecord | undefined, event: RunEvent): NodeRecord {
  const base: NodeRecord = previous ?? {
    nodeId: 'nodeId' in event ? event.nodeId : '',
    type: '',
    status: 'pending',
    attempts: 0,
    logs: [],
  };
  switch (event.type) {
    case 'node.start':
      return {
        ...base,
        type: event.nodeType,
        status: 'running',
        startedAt: base.startedAt ?? event.at,
        attempts: event.attempt,
      };
    case 'node.end':
      return {
        ...base,
        status: 'succeeded',
        output: event.output,
        ports: event.ports,
        endedAt: event.at,
        durationMs: event.durationMs,
        attempts: event.attempts,
      };
    case 'node.error':
      return {
        ...base,
        status: 'failed',
        error: event.error,
        handled: event.handled,
        endedAt: event.at,
        durationMs: event.durationMs,
        attempts: event.attempts,
      };
    case 'node.skip':
      return { ...base, status: 'skipped', skipReason: event.reason };
    default:
      return base;
  }
}
