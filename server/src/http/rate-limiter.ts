/** Every successful take answers the same frozen object: nothing to allocate per request. */
const TAKEN = Object.freeze({ ok: true } as const);

/**
 * Token buckets by name (an API key id, an IP address): `perMinute` requests a minute on
 * average, bursts up to `burst`. Kept in memory: each server instance limits on its own.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;
  readonly #burst: number;

  constructor(perMinute: number, burst = Math.max(1, Math.ceil(perMinute / 6))) {
    this.#perMs = perMinute / 60_000;
    this.#burst = burst;
  }

  /** Takes one token; returns the seconds to wait when there is none. */
  take(name: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    let bucket = this.#buckets.get(name);
    if (!bucket) {
      if (this.#buckets.size > 100_000) this.#buckets.clear();
      bucket = { tokens: this.#burst, at: now };
      this.#buckets.set(name, bucket);
    }
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return TAKEN;
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000)) };
  }
}
