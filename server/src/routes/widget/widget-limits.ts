import { HttpError } from '../../http/http-error.js';
import { RateLimiter } from '../../http/rate-limiter.js';

/**
 * The per-flow limits of `settings.widget.rateLimit`, on top of the server-wide key and address
 * limits. Flows choose their own rates, so there is one token-bucket limiter per distinct rate;
 * bucket names carry the flow, key and visitor. In memory: each instance limits on its own.
 */
export class WidgetLimits {
  readonly #limiters = new Map<number, RateLimiter>();

  /** Takes one request from the bucket `name` at `perMinute`; a 429 with Retry-After when empty. */
  take(name: string, perMinute: number, now = Date.now()): { retryAfterSeconds: number } | undefined {
    let limiter = this.#limiters.get(perMinute);
    if (!limiter) {
      limiter = new RateLimiter(perMinute);
      this.#limiters.set(perMinute, limiter);
    }
    const verdict = limiter.take(name, now);
    return verdict.ok ? undefined : { retryAfterSeconds: verdict.retryAfterSeconds };
  }
}

export function rateLimited(retryAfterSeconds: number, who: 'widget key' | 'visitor'): HttpError {
  const error = new HttpError(
    429,
    'RATE_LIMITED',
    who === 'visitor'
      ? `Too many questions from this visitor; wait ${retryAfterSeconds} s and try again.`
      : `Too many questions through this widget; wait ${retryAfterSeconds} s and try again.`,
  );
  return Object.assign(error, { retryAfterSeconds });
}
