/** Tries of one question before the widget gives up and offers a button instead. */
export const MAX_ATTEMPTS = 5;

/**
 * Exponential backoff with jitter (1 s, 2 s, 4 s … at most 20 s, each ±25 %), so that many
 * visitors of a site that lost its connection do not all come back at the same instant.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(20_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface RetryWait {
  /** Settles when the delay is over, the browser comes back online, `wake` is called, or on abort. */
  done: Promise<void>;
  wake(): void;
}

/** Waits before the next try; while the browser is offline it waits for the `online` event instead. */
export function waitForRetry(ms: number, signal: AbortSignal): RetryWait {
  let wake = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      window.removeEventListener('online', finish);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = navigator.onLine === false ? undefined : setTimeout(finish, signal.aborted ? 0 : ms);
    window.addEventListener('online', finish);
    signal.addEventListener('abort', finish);
    wake = finish;
  });
  return { done, wake: () => wake() };
}
