import type { NodeRecord, RunEvent } from '@tailor/runtime';
import {
  type RunFinish,
  type RunStart,
  type RunStore,
  type RunWrite,
  type StoredRun,
  wholeRun,
} from '../storage/run-store.js';

/** A start not yet written; it becomes the whole run if the run ends before the next write. */
interface PendingStart {
  op: { kind: 'start'; run: RunStart };
  whole?: StoredRun;
}

interface LiveRun {
  nodes: Map<string, NodeRecord>;
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
    this.#live.set(run.id, { nodes: new Map(), unfolded: [] });
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
      live = { nodes: new Map(), unfolded: [] };
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
      start.whole = wholeRun(start.op.run, finish);
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
      for (const event of live.unfolded.splice(0)) {
        if ('nodeId' in event) live.nodes.set(event.nodeId, foldNodeEvent(live.nodes.get(event.nodeId), event));
      }
      batch.push({ kind: 'nodes', runId, nodes: [...live.nodes.values()] });
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
