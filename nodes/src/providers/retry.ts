import type { TailorError } from '@tailor/runtime';
import { isRetryable } from './provider-errors.js';

export interface RetryOptions {
  /** Tries in all, the first included (default 3). */
  attempts: number;
  /** First pause; doubled each time, with jitter (default 500 ms). */
  baseDelayMs: number;
  /** Longest pause we accept, from backoff or from Retry-After (default 20 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/** An error that says how long the provider asked us to wait (Retry-After), in ms. */
export interface RetryHint {
  retryAfterMs?: number;
}

/** Reads `retry-after-ms` or `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Calls `attempt` until it succeeds, the error is not retryable, or the tries run out. A pause
 * honours the provider's Retry-After; if the provider asks for longer than `maxDelayMs` we fail
 * at once rather than hold the node (the engine's own retry policy can take over).
 */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions, signal?: AbortSignal): Promise<T> {
  for (let tryNumber = 1; ; tryNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (signal?.aborted || !isRetryable(error) || tryNumber >= options.attempts) throw error;
      const asked = (error as TailorError & { details?: RetryHint }).details?.retryAfterMs;
      if (asked !== undefined && asked > options.maxDelayMs) throw error;
      await sleep(Math.min(asked ?? backoffDelay(options, tryNumber), options.maxDelayMs), signal);
    }
  }
}

/** Exponential backoff with jitter (±25 %) after the given try. */
export function backoffDelay(options: RetryOptions, tryNumber: number): number {
  return Math.min(options.baseDelayMs * 2 ** (tryNumber - 1) * (0.75 + Math.random() / 2), options.maxDelayMs);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
