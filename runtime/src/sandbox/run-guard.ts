import type { IsolateSlot } from './isolate-slot.js';

/**
 * The host's own stops for a run: a timer that disposes the isolate when the time limit (plus
 * grace) passes, and the abort signal, which disposes it at once. Armed only when the run is about
 * to wait (an asynchronous call, a promise still pending): a run answered synchronously cannot be
 * interrupted from this thread anyway, and isolated-vm's own timeout bounds it.
 */
export class RunGuard {
  readonly #slot: IsolateSlot;
  readonly #graceMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#slot.kill('cancelled');
  #timer: NodeJS.Timeout | undefined;
  #armed = false;

  constructor(slot: IsolateSlot, graceMs: number, signal?: AbortSignal) {
    this.#slot = slot;
    this.#graceMs = graceMs;
    this.#signal = signal;
  }

  /** From now on, stop the run when `timeoutMs` passes or the signal aborts (first call wins). */
  arm(timeoutMs: number): void {
    if (this.#armed) return;
    this.#armed = true;
    this.#timer = setTimeout(() => this.#slot.kill('timeout'), timeoutMs + this.#graceMs);
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  disarm(): void {
    if (!this.#armed) return;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }
}
