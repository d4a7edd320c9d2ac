import { IsolateSlot, type SlotSettings } from './isolate-slot.js';
import type { CodeSandboxSettings } from './sandbox-options.js';

interface Waiter {
  memoryMb: number;
  resolve(slot: IsolateSlot): void;
  reject(error: unknown): void;
}

/** How long a warm isolate of a non-default memory limit is kept without use. */
const IDLE_EVICTION_MS = 30_000;

/**
 * Isolates by memory limit. A run borrows a whole isolate (so a hostile snippet stalls only its
 * own), and gives it back for the next run; contexts are prepared for the next runs right after
 * (setImmediate, off the caller's path). Isolates that were stopped are replaced, never reused.
 */
export class IsolatePool {
  readonly #settings: CodeSandboxSettings;
  readonly #idle = new Map<number, IsolateSlot[]>();
  readonly #idleTimers = new Map<IsolateSlot, NodeJS.Timeout>();
  readonly #waiters: Waiter[] = [];
  /** Every isolate alive, idle or running, so that closing the pool stops runs in progress too. */
  readonly #slots = new Set<IsolateSlot>();
  #creating = 0;
  #warming: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(settings: CodeSandboxSettings) {
    this.#settings = settings;
  }

  /** Number of isolates alive (running, idle or being created). */
  get size(): number {
    return this.#slots.size + this.#creating;
  }

  /** Creates the warm isolates of the default memory limit and their contexts. */
  warm(): Promise<void> {
    const { defaultMemoryMb, warmIsolates, contextsPerIsolate } = this.#settings;
    const idle = this.#idleList(defaultMemoryMb);
    const missing = Math.min(warmIsolates, this.#settings.maxIsolates) - idle.length;
    const creations: Promise<void>[] = idle.map((slot) => slot.prepare(contextsPerIsolate).catch(() => undefined));
    for (let i = 0; i < missing && this.size < this.#settings.maxIsolates; i += 1) {
      creations.push(
        this.#create(defaultMemoryMb)
          .then((slot) => slot.prepare(contextsPerIsolate).then(() => this.release(slot)))
          .catch(() => undefined),
      );
    }
    this.#warming = Promise.all(creations).then(() => undefined);
    return this.#warming;
  }

  /** Resolves once the warm isolates and their contexts are ready. */
  async ready(): Promise<void> {
    await this.#warming;
    const slots = [...this.#idle.values()].flat();
    await Promise.all(slots.map((slot) => slot.prepare(this.#settings.contextsPerIsolate).catch(() => undefined)));
  }

  /** A warm isolate of this memory limit at once, when one is idle. */
  acquireNow(memoryMb: number): IsolateSlot | undefined {
    return this.#closed ? undefined : this.#takeIdle(memoryMb);
  }

  /** An isolate of this memory limit for one run; waits when `maxIsolates` are busy. */
  acquire(memoryMb: number, signal?: AbortSignal): Promise<IsolateSlot> {
    if (this.#closed) return Promise.reject(new Error('The code sandbox was closed.'));
    const slot = this.#takeIdle(memoryMb);
    if (slot) return Promise.resolve(slot);
    if (this.size < this.#settings.maxIsolates || this.#evictIdleOtherThan(memoryMb)) return this.#create(memoryMb);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { memoryMb, resolve, reject };
      this.#waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Gives an isolate back after a run; a stopped or worn isolate is dropped and replaced. */
  release(slot: IsolateSlot): void {
    const worn = slot.runs >= this.#settings.recycleAfterRuns;
    if (this.#closed || !slot.alive || worn) {
      if (slot.alive) slot.kill(this.#closed ? 'closed' : 'recycled');
      this.#slots.delete(slot);
      this.#afterSlotLoss();
      return;
    }
    const waiter = this.#waiters.findIndex((candidate) => candidate.memoryMb === slot.memoryMb);
    if (waiter >= 0) {
      this.#waiters.splice(waiter, 1)[0]?.resolve(slot);
      return;
    }
    this.#idleList(slot.memoryMb).push(slot);
    if (slot.memoryMb !== this.#settings.defaultMemoryMb) this.#scheduleEviction(slot);
    setImmediate(() => {
      if (slot.alive) slot.prepare(this.#settings.contextsPerIsolate).catch(() => undefined);
    });
    this.#serveOtherWaiters();
  }

  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new Error('The code sandbox was closed.'));
    for (const timer of this.#idleTimers.values()) clearTimeout(timer);
    this.#idleTimers.clear();
    for (const list of this.#idle.values()) list.length = 0;
    for (const slot of this.#slots) slot.kill('closed');
    this.#slots.clear();
  }

  #idleList(memoryMb: number): IsolateSlot[] {
    let list = this.#idle.get(memoryMb);
    if (!list) {
      list = [];
      this.#idle.set(memoryMb, list);
    }
    return list;
  }

  /**
   * Prefers an isolate with a context ready and nothing queued in it, then one with a context
   * ready; the most recently used first, as its memory is still in the CPU's caches.
   */
  #takeIdle(memoryMb: number): IsolateSlot | undefined {
    const list = this.#idle.get(memoryMb);
    if (!list) return undefined;
    this.#dropDead(list);
    if (list.length === 0) return undefined;
    let index = list.findLastIndex((slot) => slot.readyContexts > 0 && !slot.preparing);
    if (index < 0) index = list.findLastIndex((slot) => slot.readyContexts > 0);
    const [slot] = list.splice(index < 0 ? list.length - 1 : index, 1);
    if (slot) this.#clearEviction(slot);
    return slot;
  }

  /** Isolates can die while idle (a failed preparation); they are dropped, never handed out. */
  #dropDead(list: IsolateSlot[]): void {
    for (let index = list.length - 1; index >= 0; index -= 1) {
      const slot = list[index];
      if (slot && !slot.alive) {
        list.splice(index, 1);
        this.#clearEviction(slot);
        this.#slots.delete(slot);
      }
    }
  }

  async #create(memoryMb: number): Promise<IsolateSlot> {
    this.#creating += 1;
    try {
      const { maxLogLines, maxLogLineChars, maxResultBytes, maxResultDepth } = this.#settings;
      const settings: SlotSettings = {
        memoryMb,
        limits: { maxLogLines, maxLogLineChars, maxResultBytes, maxResultDepth },
      };
      const slot = await IsolateSlot.create(settings);
      if (this.#closed) slot.kill('closed');
      else this.#slots.add(slot);
      return slot;
    } finally {
      this.#creating -= 1;
    }
  }

  #evictIdleOtherThan(memoryMb: number): boolean {
    for (const [limit, list] of this.#idle) {
      const victim = limit === memoryMb ? undefined : list.shift();
      if (victim) {
        this.#clearEviction(victim);
        victim.kill('recycled');
        this.#slots.delete(victim);
        return true;
      }
    }
    return false;
  }

  #scheduleEviction(slot: IsolateSlot): void {
    const timer = setTimeout(() => {
      this.#idleTimers.delete(slot);
      const list = this.#idle.get(slot.memoryMb);
      const index = list?.indexOf(slot) ?? -1;
      if (index < 0) return;
      list?.splice(index, 1);
      slot.kill('recycled');
      this.#slots.delete(slot);
      this.#serveOtherWaiters();
    }, IDLE_EVICTION_MS);
    timer.unref();
    this.#idleTimers.set(slot, timer);
  }

  #clearEviction(slot: IsolateSlot): void {
    clearTimeout(this.#idleTimers.get(slot));
    this.#idleTimers.delete(slot);
  }

  /** After an isolate is gone: serve a waiter with a new one, or restore the warm isolates. */
  #afterSlotLoss(): void {
    if (this.#closed) return;
    if (this.#waiters.length > 0) {
      this.#serveOtherWaiters();
      return;
    }
    setImmediate(() => {
      if (!this.#closed) this.warm().catch(() => undefined);
    });
  }

  /** Waiters for a memory limit with no idle isolate get a new isolate while there is room. */
  #serveOtherWaiters(): void {
    while (this.#waiters.length > 0 && (this.size < this.#settings.maxIsolates || this.#evictAnyIdle())) {
      const waiter = this.#waiters.shift();
      if (!waiter) return;
      this.#create(waiter.memoryMb).then(waiter.resolve, waiter.reject);
    }
  }

  #evictAnyIdle(): boolean {
    return this.#evictIdleOtherThan(Number.NaN);
  }
}
