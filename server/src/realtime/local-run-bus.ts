import { EventHistory } from './event-history.js';
import type { EnvelopeListener, RunBus, RunEnvelope } from './run-bus.js';

/** Listeners of all runs and of single runs, shared by the local and the Redis bus. */
export class ListenerTable {
  readonly #all = new Set<EnvelopeListener>();
  readonly #byRun = new Map<string, Set<EnvelopeListener>>();

  deliver(envelope: RunEnvelope): void {
    for (const listener of this.#all) listener(envelope);
    const own = this.#byRun.get(envelope.event.runId);
    if (own) for (const listener of own) listener(envelope);
  }

  addAll(listener: EnvelopeListener): () => void {
    this.#all.add(listener);
    return () => this.#all.delete(listener);
  }

  addRun(runId: string, listener: EnvelopeListener): () => void {
    let set = this.#byRun.get(runId);
    if (!set) {
      set = new Set();
      this.#byRun.set(runId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#byRun.delete(runId);
    };
  }
}

/** The bus of a single process: the in-process executor and the server share it. */
export class LocalRunBus implements RunBus {
  readonly #listeners = new ListenerTable();
  readonly #history = new EventHistory();

  publish(envelope: RunEnvelope): void {
    // History first: a subscriber that reads history after this point must not miss the event.
    this.#history.add(envelope.event);
    this.#listeners.deliver(envelope);
  }

  subscribeAll(listener: EnvelopeListener): () => void {
    return this.#listeners.addAll(listener);
  }

  subscribeRun(runId: string, listener: EnvelopeListener): () => void {
    return this.#listeners.addRun(runId, listener);
  }

  async history(runId: string, afterSeq: number) {
    return this.#history.after(runId, afterSeq);
  }

  async close(): Promise<void> {}
}
