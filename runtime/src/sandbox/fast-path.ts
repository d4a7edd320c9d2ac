/**
 * Remembers which snippets finished quickly, so that their next runs may take the synchronous
 * path: the run enters the isolate on the caller's thread (no thread hop, ~3x faster) with a small
 * time budget. A snippet earns this by one asynchronous run finishing within half the budget; if it
 * ever overruns the budget it is stopped, re-run asynchronously, and never runs synchronously again.
 * So the host thread is blocked at most once per snippet text, for about the budget.
 */
export class FastPathMemory {
  readonly #verdicts = new Map<string, 'fast' | 'slow' | 'demoted'>();
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
    return this.#budgetMs > 0 && this.#verdicts.get(code) === 'fast';
  }

  /** Records an asynchronous run's host-measured duration. */
  record(code: string, elapsedMs: number): void {
    if (this.#budgetMs <= 0 || this.#verdicts.get(code) === 'demoted') return;
    this.#remember(code, elapsedMs <= this.#budgetMs / 2 ? 'fast' : 'slow');
  }

  /** The snippet overran the budget on the synchronous path: asynchronous from now on. */
  demote(code: string): void {
    this.#remember(code, 'demoted');
  }

  #remember(code: string, verdict: 'fast' | 'slow' | 'demoted'): void {
    this.#verdicts.delete(code);
    this.#verdicts.set(code, verdict);
    if (this.#verdicts.size > this.#size) {
      const oldest = this.#verdicts.keys().next();
      if (!oldest.done) this.#verdicts.delete(oldest.value);
    }
  }
}
