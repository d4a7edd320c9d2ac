import type { FlowStore } from '../storage/flow-store.js';
import type { RunStore, StoredRun } from '../storage/run-store.js';
import { exportRequest, type OtlpSpan } from './otlp-json.js';
import type { OtlpSettings } from './otlp-settings.js';
import { runSpans } from './run-spans.js';

export interface RunTraceExporterOptions {
  /** Runs waiting to be exported; past this, new runs are dropped (and counted), never waited for. */
  maxQueuedRuns?: number;
  /** Runs per OTLP request. */
  maxRunsPerRequest?: number;
  /** How long the first run waits for others to share its request. */
  gatherMs?: number;
  /** Further tries of a request after a network error, a 429 or a 5xx, with doubling waits. */
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface RunTraceExportStats {
  queuedRuns: number;
  exportedRuns: number;
  exportedSpans: number;
  /** Runs given up on: the queue was full, or every try of their request failed. */
  droppedRuns: number;
  failedRequests: number;
}

/** Nesting of sub-flows is bounded at 8 by the subflow node; a few more steps guard against a loop in the data. */
const MAX_PARENT_STEPS = 16;
const ROOT_CACHE_SIZE = 10_000;
const LOG_EVERY_MS = 60_000;

/**
 * Exports finished runs as OTLP/JSON traces over HTTP, off the path of the runs: `add` only queues.
 * One request is in flight at a time; a collector that is down or slow makes the bounded queue
 * fill and further runs be dropped and counted, so runs never wait for it and memory stays bounded.
 */
export class RunTraceExporter {
  readonly #settings: OtlpSettings;
  readonly #runs: Pick<RunStore, 'get'>;
  readonly #flows: Pick<FlowStore, 'get'>;
  readonly #options: Required<Omit<RunTraceExporterOptions, 'log'>>;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #queue: Array<StoredRun | string> = [];
  /** Child run id → the root run of its trace, so siblings read their parents once. */
  readonly #roots = new Map<string, string>();
  readonly #stats: RunTraceExportStats = {
    queuedRuns: 0,
    exportedRuns: 0,
    exportedSpans: 0,
    droppedRuns: 0,
    failedRequests: 0,
  };
  #pumping: Promise<void> | undefined;
  #lastLog = 0;
  #closed = false;
  /** Aborts a request still waiting on the collector when the grace period of `close` is over. */
  readonly #abort = new AbortController();

  constructor(
    settings: OtlpSettings,
    stores: { runs: Pick<RunStore, 'get'>; flows: Pick<FlowStore, 'get'> },
    options: RunTraceExporterOptions = {},
  ) {
    this.#settings = settings;
    this.#runs = stores.runs;
    this.#flows = stores.flows;
    this.#log = options.log ?? (() => undefined);
    this.#options = {
      maxQueuedRuns: options.maxQueuedRuns ?? 5_000,
      maxRunsPerRequest: options.maxRunsPerRequest ?? 100,
      gatherMs: options.gatherMs ?? 200,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 500,
      timeoutMs: options.timeoutMs ?? 10_000,
    };
  }

  /** Queues a finished run: the record itself, or its id to read once it is stored. */
  add(run: StoredRun | string): void {
    if (this.#closed) return;
    if (this.#queue.length >= this.#options.maxQueuedRuns) {
      this.#stats.droppedRuns++;
      this.#warn('the OTLP export queue is full; dropping finished runs until the collector catches up');
      return;
    }
    this.#queue.push(run);
    this.#startPump();
  }

  #startPump(): void {
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = undefined;
      // A run queued while the last request was finishing starts the next round.
      if (this.#queue.length > 0 && !this.#closed) this.#startPump();
    });
  }

  stats(): RunTraceExportStats {
    return { ...this.#stats, queuedRuns: this.#queue.length };
  }

  /** Resolves when every queued run has been exported or given up on. */
  async flush(): Promise<void> {
    while (this.#pumping) await this.#pumping;
  }

  /** Stops taking runs; waits at most `graceMs` for the queue to drain. */
  async close(graceMs = 2_000): Promise<void> {
    this.#closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    this.#stats.droppedRuns += this.#queue.splice(0).length;
    this.#abort.abort();
  }

  async #pump(): Promise<void> {
    while (this.#queue.length > 0) {
      if (!this.#closed) await delay(this.#options.gatherMs);
      const items = this.#queue.splice(0, this.#options.maxRunsPerRequest);
      const spans: OtlpSpan[] = [];
      for (const item of items) {
        try {
          spans.push(...(await this.#spansOf(item)));
        } catch (error) {
          this.#stats.droppedRuns++;
          this.#warn('a finished run could not be turned into spans', error);
        }
      }
      if (spans.length === 0) continue;
      if (await this.#send(spans)) {
        this.#stats.exportedRuns += items.length;
        this.#stats.exportedSpans += spans.length;
      } else {
        this.#stats.droppedRuns += items.length;
      }
    }
  }

  async #spansOf(item: StoredRun | string): Promise<OtlpSpan[]> {
    const run = typeof item === 'string' ? await this.#runs.get(item) : item;
    if (!run) return [];
    const flowName = (await this.#flows.get(run.flowId))?.name;
    const rootRunId = await this.#rootOf(run);
    return runSpans(run, { rootRunId, content: this.#settings.content, ...(flowName ? { flowName } : {}) });
  }

  /** The top of a sub-flow chain: a child run shares its parent's trace. */
  async #rootOf(run: StoredRun): Promise<string> {
    if (!run.parentRunId || !run.parentNodeId) return run.id;
    let current: { id: string; parentRunId?: string; parentNodeId?: string } = run;
    const visited: string[] = [];
    for (let step = 0; step < MAX_PARENT_STEPS && current.parentRunId && current.parentNodeId; step++) {
      const known = this.#roots.get(current.parentRunId);
      if (known) {
        current = { id: known };
        break;
      }
      visited.push(current.id);
      const parent = await this.#runs.get(current.parentRunId);
      if (!parent) {
        current = { id: current.parentRunId };
        break;
      }
      current = parent;
    }
    for (const id of [...visited, run.id]) this.#remember(id, current.id);
    return current.id;
  }

  #remember(runId: string, rootRunId: string): void {
    if (this.#roots.size >= ROOT_CACHE_SIZE) {
      const oldest = this.#roots.keys().next().value;
      if (oldest !== undefined) this.#roots.delete(oldest);
    }
    this.#roots.set(runId, rootRunId);
  }

  async #send(spans: OtlpSpan[]): Promise<boolean> {
    const body = JSON.stringify(
      exportRequest(
        { 'service.name': this.#settings.serviceName },
        { name: '@tailor/server', version: '0.1.0' },
        spans,
      ),
    );
    for (let attempt = 0; ; attempt++) {
      let retryable = true;
      try {
        const reply = await fetch(this.#settings.tracesUrl, {
          method: 'POST',
          headers: { ...this.#settings.headers, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(this.#options.timeoutMs), this.#abort.signal]),
        });
        await reply.arrayBuffer().catch(() => undefined);
        if (reply.ok) return true;
        retryable = reply.status === 408 || reply.status === 429 || reply.status >= 500;
        this.#stats.failedRequests++;
        this.#warn(`the OTLP collector answered ${reply.status} at ${this.#settings.tracesUrl}`);
      } catch (error) {
        this.#stats.failedRequests++;
        this.#warn(`the OTLP collector at ${this.#settings.tracesUrl} is unreachable`, error);
      }
      if (!retryable || attempt >= this.#options.retries || this.#closed) return false;
      await delay(this.#options.backoffMs * 2 ** attempt);
    }
  }

  /** At most one line a minute: a collector down for a day must not flood the log. */
  #warn(message: string, error?: unknown): void {
    const now = Date.now();
    if (now - this.#lastLog < LOG_EVERY_MS) return;
    this.#lastLog = now;
    this.#log(`${message} (exported ${this.#stats.exportedRuns} runs, dropped ${this.#stats.droppedRuns})`, error);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
