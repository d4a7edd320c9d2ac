import type { Catalogue, RunHandle } from '@tailor/runtime';
import { type Job, Worker } from 'bullmq';
import { z } from 'zod';
import { RedisRunBus, redisConnection } from '../realtime/redis-run-bus.js';
import { FlowResolver } from '../runs/flow-resolver.js';
import { RunRecorder } from '../runs/run-recorder.js';
import { RunService } from '../runs/run-service.js';
import type { ServerSubflowRunner } from '../runs/subflow-runner.js';
import type { Storage } from '../storage/storage.js';
import type { RunRequest, ServicesFor } from './executor.js';
import { runRequest } from './flow-runner.js';
import { InProcessExecutor } from './in-process-executor.js';
import { CANCEL_CHANNEL, RUN_QUEUE } from './queue-names.js';

export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** Lock duration of a job; a worker that stops renewing it is taken for dead after this. */
  lockMs: number;
  catalogue: Catalogue;
  storage: Storage;
  services: (bus: RedisRunBus) => ServicesFor;
  log(message: string, error?: unknown): void;
  /** Called when a job starts, e.g. to print which worker took which run. */
  onRun?(runId: string): void;
  /** The sub-flow service the run services hold; bound here to run child flows inside this worker. */
  subflows?: ServerSubflowRunner;
  /** Awaited before each job, e.g. to re-read settings another process may have changed. */
  beforeRun?(): Promise<void>;
}

export interface RunningWorker {
  readonly bus: RedisRunBus;
  /** Stops taking jobs and waits for the runs in hand to end and be recorded. */
  close(): Promise<void>;
}

const CancelSchema = z.object({ runId: z.string(), reason: z.string().optional() });

/**
 * `tailor worker`: takes runs from the queue, runs them with the engine, publishes their events
 * on Redis and records them in the shared storage. A job is never retried after its worker dies
 * (`maxStalledCount: 0`): the run is marked interrupted instead of silently running twice.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const bus = await RedisRunBus.connect(options.redisUrl, options.prefix);
  const recorder = new RunRecorder(options.storage.runs, {
    onError: (error) => options.log('recording runs failed', error),
  });
  const deps = {
    catalogue: options.catalogue,
    services: options.services(bus),
    bus,
    recorder,
    announceEndWhenStored: true,
  };
  const children = inlineSubflows(options, deps);
  const held = new Map<string, RunHandle>();
  await bus.listen(CANCEL_CHANNEL, (message) => {
    const parsed = CancelSchema.safeParse(JSON.parse(message));
    if (!parsed.success) return;
    const { runId, reason } = parsed.data;
    const job = held.get(runId);
    if (job) job.cancel(reason);
    else void children.cancel(runId, reason);
  });
  const process = async (job: Job<RunRequest>) => {
    const request = job.data;
    options.onRun?.(request.runId);
    await options.beforeRun?.();
    const { handle, done } = runRequest(request, deps);
    held.set(request.runId, handle);
    try {
      await done;
      // The job completes only once the record is stored, so a finished job means a finished record.
      await recorder.flush();
    } finally {
      held.delete(request.runId);
    }
  };
  const worker = new Worker<RunRequest>(RUN_QUEUE, process, {
    connection: redisConnection(options.redisUrl),
    prefix: options.prefix,
    concurrency: options.concurrency,
    maxStalledCount: 0,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
  });
  worker.on('error', (error) => options.log('the worker lost its queue connection', error));
  await worker.waitUntilReady();
  return {
    bus,
    async close() {
      await worker.close();
      await children.close();
      await recorder.flush();
      await bus.close();
    },
  };
}

/**
 * Child runs of `subflow` nodes run inside the worker that holds their parent, never through the
 * queue: the parent keeps its job slot while it waits, so a full queue of parents would wait
 * forever for children no worker can take. They are recorded and streamed like any run.
 */
function inlineSubflows(
  options: WorkerOptions,
  deps: ConstructorParameters<typeof InProcessExecutor>[0] & { bus: RedisRunBus },
): InProcessExecutor {
  const executor = new InProcessExecutor(deps);
  options.subflows?.bind(
    new RunService({
      resolver: new FlowResolver(options.storage.flows, options.catalogue),
      executor,
      bus: deps.bus,
      recorder: deps.recorder,
      runs: options.storage.runs,
    }),
  );
  return executor;
}
