import type { RunEvent } from '@tailor/runtime';

interface RunHistory {
  events: RunEvent[];
  /** seq of the first event still held. */
  firstSeq: number;
}

/**
 * The recent events of recent runs, so a client that reconnects can resume from its last seq.
 * Bounded twice: events per run (a long streaming run drops its oldest deltas) and runs held
 * (the oldest run is forgotten first).
 */
export class EventHistory {
  readonly #runs = new Map<string, RunHistory>();
  readonly #maxRuns: number;
  readonly #maxEventsPerRun: number;

  constructor(maxRuns = 2_000, maxEventsPerRun = 5_000) {
    this.#maxRuns = maxRuns;
    this.#maxEventsPerRun = maxEventsPerRun;
  }

  add(event: RunEvent): void {
    let history = this.#runs.get(event.runId);
    if (!history) {
      history = { events: [], firstSeq: event.seq };
      this.#runs.set(event.runId, history);
      if (this.#runs.size > this.#maxRuns) {
        const oldest = this.#runs.keys().next().value;
        if (oldest !== undefined) this.#runs.delete(oldest);
      }
    }
    history.events.push(event);
    if (history.events.length > this.#maxEventsPerRun) {
      history.events.splice(0, history.events.length - this.#maxEventsPerRun);
      history.firstSeq = history.events[0]?.seq ?? event.seq;
    }
  }

  after(runId: string, afterSeq: number): { events: RunEvent[]; complete: boolean } {
    const history = this.#runs.get(runId);
    // A run not seen yet has lost nothing when the client has seen nothing either.
    if (!history) return { events: [], complete: afterSeq === 0 };
    const complete = history.firstSeq <= afterSeq + 1;
    return { events: history.events.filter((event) => event.seq > afterSeq), complete };
  }
}
