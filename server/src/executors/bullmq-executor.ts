import { type NodeRecord, type RunError, TailorError } from '@tailor/runtime';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { type RedisRunBus, redisConnection } from '../realtime/redis-run-bus.js';
import type { RunRecorder } from '../runs/run-recorder.js';
import { interruptedError } from '../storage/run-interrupted.js';
import type { RunStore } from '../storage/run-store.js';
import type { Executor, RunRequest } from './executor.js';
import { CANCEL_CHANNEL, RUN_QUEUE } from './queue-names.js';

export interface BullmqExecutorDeps {
  redisUrl: string;
  prefix: string;
  bus: RedisRunBus;
  recorder: RunRecorder;
  runs: RunStore;
}

/**
 * Hands runs to `tailor worker` processes through a BullMQ queue on Redis. A run waiting in the
 * queue is cancelled by removing its job; a running one by a message the holding worker hears.
 * A worker that dies mid-run leaves a stalled job, which BullMQ fails; the run becomes interrupted.
 */
export class BullmqExecutor implements Executor {
  readonly kind = 'bullmq';
  readonly #deps: BullmqExecutorDeps;
  readonly #connection: Redis;
  readonly #queue: Queue;
  readonly #events: QueueEvents;

  private constructor(deps: BullmqExecutorDeps) {
    this.#deps = deps;
    this.#connection = redisConnection(deps.redisUrl);
    this.#queue = new Queue(RUN_QUEUE, { connection: this.#connection, prefix: deps.prefix });
    this.#events = new QueueEvents(RUN_QUEUE, { connection: redisConnection(deps.redisUrl), prefix: deps.prefix });
  }

  static async connect(deps: BullmqExecutorDeps): Promise<BullmqExecutor> {
    const executor = new BullmqExecutor(deps);
    executor.#events.on('failed', ({ jobId, failedReason }) => void executor.#onFailed(jobId, failedReason));
    await executor.#queue.waitUntilReady();
    await executor.#events.waitUntilReady();
    return executor;
  }

  async start(request: RunRequest): Promise<void> {
    await this.#queue.add('run', request, {
      jobId: request.runId,
      attempts: 1,
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 5_000 },
    });
  }

  async cancel(runId: string, reason?: string): Promise<boolean> {
    const job = await this.#queue.getJob(runId);
    if (!job) {
      // A sub-flow's run has no job: it runs inside the worker holding its parent, which hears this.
      const run = await this.#deps.runs.get(runId);
      if (run?.status !== 'running' || run.source !== 'subflow') return false;
      await this.#deps.bus.broadcast(CANCEL_CHANNEL, JSON.stringify({ runId, reason }));
      return true;
    }
    const state = await job.getState();
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      // A worker may take the job between the two calls: then removing fails and the worker is told.
      const removed = await job.remove().then(
        () => true,
        () => false,
      );
      if (removed) {
        await this.#endWithoutRunning(
          job.data as RunRequest,
          'cancelled',
          new TailorError('RUN_CANCELLED', reason).toValue(),
        );
        return true;
      }
    } else if (state !== 'active') {
      return false;
    }
    await this.#deps.bus.broadcast(CANCEL_CHANNEL, JSON.stringify({ runId, reason }));
    return true;
  }

  async close(): Promise<void> {
    await this.#events.close();
    await this.#queue.close();
    await this.#deps.recorder.flush();
  }

  /** A job that failed outside the engine (its worker died): the run must not stay `running`. */
  async #onFailed(jobId: string, failedReason: string): Promise<void> {
    const run = await this.#deps.runs.get(jobId);
    if (run?.status !== 'running') return;
    const error: RunError = { ...interruptedError(), details: { reason: failedReason } };
    // The node records the dead worker wrote stay: they show how far the run got.
    await this.#endWithoutRunning(
      { runId: jobId, flowId: run.flowId, acceptedAt: run.startedAt },
      'interrupted',
      error,
      run.nodes,
    );
  }

  async #endWithoutRunning(
    request: Pick<RunRequest, 'runId' | 'flowId' | 'acceptedAt'>,
    status: 'cancelled' | 'interrupted',
    error: RunError,
    nodes: NodeRecord[] = [],
  ): Promise<void> {
    const now = Date.now();
    const durationMs = now - request.acceptedAt;
    const { events } = await this.#deps.bus.history(request.runId, 0);
    const seq = (events.at(-1)?.seq ?? 0) + 1;
    this.#deps.bus.publish({
      flowId: request.flowId,
      event: { type: 'run.end', runId: request.runId, seq, at: now, status, error, durationMs },
    });
    this.#deps.recorder.finish({ runId: request.runId, status, error, endedAt: now, durationMs, nodes });
    await this.#deps.recorder.flush();
  }
}
