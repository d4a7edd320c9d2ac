const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Statuses worth another try. A POST or PATCH may have been carried out before a 500, 502, 504 or
 * a timeout (a ticket booked twice), so those are retried only after 429 and 503, which say the
 * request was not processed.
 */
export function isRetryableStatus(status: number, method = 'GET'): boolean {
  if (!IDEMPOTENT.has(method)) return status === 429 || status === 503;
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501);
}

/** Network failures and timeouts are retried only for methods that are safe to repeat. */
export function mayRetryFailure(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), if it says anything usable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff from the node's base delay, unless the server said how long to wait. */
export function retryDelayMs(attempt: number, baseMs: number, retryAfter: number | undefined): number {
  if (retryAfter !== undefined) return retryAfter;
  return baseMs * 2 ** (attempt - 1);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
