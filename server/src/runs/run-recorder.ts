import type { NodeRecord, RunEvent } from '@tailor/runtime';
import type { RunFinish, RunStart, RunStore, RunWrite } from '../storage/run-store.js';

interface LiveRun {
  nodes: Map<string, NodeRecord>;
  dirty: boolean;
}

/**
 * Write-behind recording of runs: starts, node progress and final records are queued and written
 * in one transaction every few milliseconds, so thousands of short runs a second cost a few
 * writes, not thousands. A run's start is always written before its progress and its end.
 */
export class RunRecorder {
  readonly #store: RunStore;
  readonly #intervalMs: number;
  readonly #queue: RunWrite[] = [];
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
    this.#live.set(run.id, { nodes: new Map(), dirty: false });
    this.#enqueue({ kind: 'start', run });
  }

  /** Folds a node event into the run's live node records (flow-level nodes; nested ones come at the end). */
  event(event: RunEvent): void {
    if (!('nodeId' in event) || event.scope !== undefined || event.type === 'node.delta') return;
    let live = this.#live.get(event.runId);
    if (!live) {
      live = { nodes: new Map(), dirty: false };
      this.#live.set(event.runId, live);
    }
    live.nodes.set(event.nodeId, foldNodeEvent(live.nodes.get(event.nodeId), event));
    live.dirty = true;
    this.#schedule();
  }

  finish(finish: RunFinish): void {
    this.#live.delete(finish.runId);
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
    const batch = this.#queue.splice(0);
    for (const [runId, live] of this.#live) {
      if (!live.dirty) continue;
      live.dirty = false;
      batch.push({ kind: 'nodes', runId, nodes: [...live.nodes.values()] });
    }
    return batch;
  }

  #enqueue(write: RunWrite): void {
    this.#queue.push(write);
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
