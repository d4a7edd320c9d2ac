import type { RunEvent } from '../contract/run-events.js';

/**
 * The run's events as an async iterable. Every event is kept until the run ends, so a consumer that
 * starts iterating late still sees the whole ordered sequence; several consumers may iterate.
 */
export class EventStream implements AsyncIterable<RunEvent> {
  readonly #events: RunEvent[] = [];
  #closed = false;
  #wake: (() => void) | undefined;
  #waiting: Promise<void> | undefined;

  push(event: RunEvent): void {
    this.#events.push(event);
    this.#signal();
  }

  close(): void {
    this.#closed = true;
    this.#signal();
  }

  #signal(): void {
    const wake = this.#wake;
    if (wake) {
      this.#wake = undefined;
      this.#waiting = undefined;
      wake();
    }
  }

  #nextChange(): Promise<void> {
    if (!this.#waiting) {
      this.#waiting = new Promise((resolve) => {
        this.#wake = resolve;
      });
    }
    return this.#waiting;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RunEvent> {
    let position = 0;
    while (true) {
      while (position < this.#events.length) yield this.#events[position++] as RunEvent;
      if (this.#closed) return;
      await this.#nextChange();
    }
  }
}
