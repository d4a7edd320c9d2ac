import { type RunHandle, TailorError } from '@tailor/runtime';
import type { Executor, RunRequest } from './executor.js';
import { type FlowRunnerDeps, runRequest } from './flow-runner.js';

/**
 * Runs flows inside the server process, at most `concurrency` at once; the rest wait in order.
 * A run belongs to the server, not to the HTTP request that started it: a client that goes away
 * leaves its run running.
 */
export class InProcessExecutor implements Executor {
  readonly kind = 'in-process';
  readonly #deps: FlowRunnerDeps;
  readonly #concurrency: number;
  readonly #waiting: RunRequest[] = [];
  readonly #running = new Map<string, { handle: RunHandle; done: Promise<void> }>();
  #closed = false;

  constructor(deps: FlowRunnerDeps, options: { concurrency?: number } = {}) {
    this.#deps = deps;
    this.#concurrency = options.concurrency ?? 64;
  }

  get runningCount(): number {
    return this.#running.size;
  }

  async start(request: RunRequest): Promise<void> {
    if (this.#closed) throw new Error('The executor is shutting down.');
    // A sub-flow's parent already holds a slot and waits for it: queueing it could deadlock.
    if (request.source === 'subflow') {
      this.#launch(request);
      return;
    }
    this.#waiting.push(request);
    this.#pump();
  }

  async cancel(runId: string, reason?: string): Promise<boolean> {
    const running = this.#running.get(runId);
    if (running) {
      running.handle.cancel(reason);
      return true;
    }
    const index = this.#waiting.findIndex((request) => request.runId === runId);
    if (index < 0) return false;
    const [request] = this.#waiting.splice(index, 1);
    if (request) this.#cancelWaiting(request, reason);
    return true;
  }

  /** Stops taking runs, cancels what waits, and lets running runs finish within `graceMs`. */
  async close(graceMs = 10_000): Promise<void> {
    this.#closed = true;
    for (const request of this.#waiting.splice(0)) this.#cancelWaiting(request, 'the server is shutting down');
    const all = Promise.all([...this.#running.values()].map((run) => run.done));
    const timer = setTimeout(() => {
      for (const run of this.#running.values()) run.handle.cancel('the server is shutting down');
    }, graceMs);
    await all;
    clearTimeout(timer);
    await this.#deps.recorder.flush();
  }

  #pump(): void {
    while (this.#running.size < this.#concurrency) {
      const request = this.#waiting.shift();
      if (!request) return;
      this.#launch(request);
    }
  }

  #launch(request: RunRequest): void {
    const run = runRequest(request, this.#deps);
    this.#running.set(request.runId, run);
    void run.done
      .catch((error: unknown) => console.error(`[tailor] run ${request.runId} could not be recorded:`, error))
      .finally(() => {
        this.#running.delete(request.runId);
        this.#pump();
      });
  }

  /** A run cancelled before it started still ends properly: a run.end event and a final record. */
  #cancelWaiting(request: RunRequest, reason?: string): void {
    const now = Date.now();
    const error = new TailorError('RUN_CANCELLED', reason).toValue();
    const durationMs = now - request.acceptedAt;
    this.#deps.bus.publish({
      flowId: request.flowId,
      event: { type: 'run.end', runId: request.runId, seq: 1, at: now, status: 'cancelled', error, durationMs },
    });
    this.#deps.recorder.finish({
      runId: request.runId,
      status: 'cancelled',
      error,
      endedAt: now,
      durationMs,
      nodes: [],
    });
  }
}
