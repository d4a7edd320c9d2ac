import type { Catalogue } from '../contract/catalogue.js';
import type { RunEvent } from '../contract/run-events.js';
import type { ServiceRegistry } from '../contract/services.js';
import { addUsage, type TokenUsage } from '../contract/usage.js';
import type { EventStream } from './event-stream.js';

/** Distributes `Omit` over the event union, so each event type keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<RunEvent, 'runId' | 'seq' | 'at'>;

export interface PinnedOutput {
  output: unknown;
  ports?: string[];
}

/** What every graph and node of one run shares. */
export class RunState {
  #seq = 0;
  usage: TokenUsage | undefined;

  constructor(
    readonly runId: string,
    readonly flowId: string,
    readonly inputs: Readonly<Record<string, unknown>>,
    readonly sessionId: string | undefined,
    readonly catalogue: Catalogue,
    readonly services: ServiceRegistry,
    readonly pinned: ReadonlyMap<string, PinnedOutput>,
    readonly defaultTimeoutMs: number,
    private readonly stream: EventStream,
    private readonly onEvent: ((event: RunEvent) => void) | undefined,
  ) {}

  #controller: AbortController | undefined;

  /** Made on first use: a run whose nodes are all synchronous never needs one. */
  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.#controller?.signal.aborted === true;
  }

  cancel(reason: unknown): void {
    this.#controller ??= new AbortController();
    this.#controller.abort(reason);
  }

  emit(body: EventBody): void {
    this.publish({ runId: this.runId, seq: ++this.#seq, at: Date.now(), ...body } as RunEvent);
  }

  /**
   * The next sequence number, for the hot events (run and node start/end) that are built in one
   * literal, `{ runId, seq: state.nextSeq(), at: Date.now(), type, … }`, instead of a body plus a
   * spread copy: same fields, same order, one object less per event.
   */
  nextSeq(): number {
    return ++this.#seq;
  }

  /** Hands a complete event to the stream and the listener. */
  publish(event: RunEvent): void {
    this.stream.push(event);
    if (this.onEvent) {
      try {
        this.onEvent(event);
      } catch {
        // A failing listener must not break the run; the stream still has the event.
      }
    }
  }

  addUsage(usage: TokenUsage | undefined): void {
    if (usage) this.usage = addUsage(this.usage, usage);
  }
}
