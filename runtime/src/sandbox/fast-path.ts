interface Verdict {
  fast: boolean;
  /** Budget overruns not yet forgiven; at MAX_STRIKES the snippet stays asynchronous. */
  strikes: number;
  /** Synchronous runs since the last strike was forgiven. */
  clean: number;
}

const MAX_STRIKES = 3;
/** Clean synchronous runs that forgive one strike (a busy machine can preempt any run once). */
const RUNS_TO_FORGIVE = 1_000;

/**
 * Remembers which snippets finished quickly, so that their next runs may take the synchronous
 * path: the run enters the isolate on the caller's thread (no thread hop) with a small time budget.
 * A snippet earns this by one asynchronous run finishing within half the budget. A run that
 * overruns the budget is stopped and run again asynchronously, and counts a strike; at three strikes
 * the snippet runs asynchronously for good, unless a thousand clean synchronous runs forgave one
 * meanwhile. So a snippet can hold the host thread for about the budget a few times, not often.
 */
export class FastPathMemory {
  readonly #verdicts = new Map<string, Verdict>();
  readonly #budgetMs: number;
  readonly #size: number;

  constructor(budgetMs: number, size: number) {
    this.#budgetMs = budgetMs;
    this.#size = size;
  }

  get budgetMs(): number {
    return this.#budgetMs;
  }

  allows(code: string): boolean {
    const verdict = this.#verdicts.get(code);
    return this.#budgetMs > 0 && verdict !== undefined && verdict.fast && verdict.strikes < MAX_STRIKES;
  }

  /** Records an asynchronous run's host-measured duration. */
  record(code: string, elapsedMs: number): void {
    if (this.#budgetMs <= 0) return;
    const verdict = this.#verdicts.get(code) ?? { fast: false, strikes: 0, clean: 0 };
    verdict.fast = elapsedMs <= this.#budgetMs / 2;
    this.#remember(code, verdict);
  }

  /** A synchronous run finished within the budget. */
  succeeded(code: string): void {
    const verdict = this.#verdicts.get(code);
    if (!verdict || verdict.strikes === 0) return;
    verdict.clean += 1;
    if (verdict.clean >= RUNS_TO_FORGIVE) {
      verdict.strikes -= 1;
      verdict.clean = 0;
    }
  }

  /** The snippet overran the budget on the synchronous path. */
  demote(code: string): void {
    const verdict = this.#verdicts.get(code) ?? { fast: false, strikes: 0, clean: 0 };
    verdict.strikes += 1;
    verdict.clean = 0;
    this.#remember(code, verdict);
  }

  #remember(code: string, verdict: Verdict): void {
    this.#verdicts.delete(code);
    this.#verdicts.set(code, verdict);
    if (this.#verdicts.size > this.#size) {
      const oldest = this.#verdicts.keys().next();
      if (!oldest.done) this.#verdicts.delete(oldest.value);
    }
  }
}
