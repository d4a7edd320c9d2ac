import type { RunEvent } from '@tailor/runtime';

interface RunHistory {
  events: RunEvent[];
  /** seq of the first event still held. */
  firstSeq: number;
}

/**
 * The recent events of recent runs, so a client that reconnects can resume from its last seq.
 * Bounded three times: events per run (a long streaming run drops its oldest deltas), runs held
 * (the oldest run is forgotten first) and ended runs kept whole (the oldest ended run's events go
 * first). The last bound keeps thousands of short runs a second from holding their events long
 * enough to be copied into the old generation of the heap; a client that asks for a run whose
 * events were dropped this way is told the history is incomplete and reads the stored record.
 */
export class EventHistory {
  readonly #runs = new Map<string, RunHistory>();
  /** Ended runs still held, oldest first. */
  readonly #ended = new Set<string>();
  /** Ended runs whose events were dropped: asking for them is answered "incomplete". */
  readonly #dropped = new Set<string>();
  readonly #maxRuns: number;
  readonly #maxEventsPerRun: number;
  readonly #maxEndedRuns: number;

  constructor(maxRuns = 2_000, maxEventsPerRun = 5_000, maxEndedRuns = 200) {
    this.#maxRuns = maxRuns;
    this.#maxEventsPerRun = maxEventsPerRun;
    this.#maxEndedRuns = maxEndedRuns;
  }

  add(event: RunEvent): void {
    let history = this.#runs.get(event.runId);
    if (!history) {
      history = { events: [], firstSeq: event.seq };
      this.#runs.set(event.runId, history);
      if (this.#runs.size > this.#maxRuns) {
        const oldest = this.#runs.keys().next().value;
        if (oldest !== undefined) this.#forget(oldest);
      }
    }
    history.events.push(event);
    if (history.events.length > this.#maxEventsPerRun) {
      history.events.splice(0, history.events.length - this.#maxEventsPerRun);
      history.firstSeq = history.events[0]?.seq ?? event.seq;
    }
    if (event.type === 'run.end') this.#endRun(event.runId);
  }

  after(runId: string, afterSeq: number): { events: RunEvent[]; complete: boolean } {
    const history = this.#runs.get(runId);
    // A run not seen yet has lost nothing when the client has seen nothing either.
    if (!history) return { events: [], complete: afterSeq === 0 && !this.#dropped.has(runId) };
    const complete = history.firstSeq <= afterSeq + 1;
    return { events: history.events.filter((event) => event.seq > afterSeq), complete };
  }

  #endRun(runId: string): void {
    this.#ended.add(runId);
    if (this.#ended.size <= this.#maxEndedRuns) return;
    const oldest = this.#ended.values().next().value;
    if (oldest === undefined) return;
    this.#forget(oldest);
    this.#dropped.add(oldest);
    if (this.#dropped.size > this.#maxRuns * 10) {
      const first = this.#dropped.values().next().value;
      if (first !== undefined) this.#dropped.delete(first);
    }
  }

  #forget(runId: string): void {
    this.#runs.delete(runId);
    this.#ended.delete(runId);
  }
}
