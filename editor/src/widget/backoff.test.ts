import { describe, expect, it } from 'vitest';
import { retryDelay, waitForRetry } from './backoff.js';

describe('retryDelay', () => {
  it('doubles from one second and stops growing at twenty', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((attempt) => retryDelay(attempt, middle))).toEqual([
      1000, 2000, 4000, 8000, 16000, 20000, 20000,
    ]);
  });

  it('spreads visitors by a quarter either way', () => {
    expect(retryDelay(1, () => 0)).toBe(1500);
    expect(retryDelay(1, () => 1)).toBe(2500);
  });
});

describe('waitForRetry', () => {
  it('ends early when the browser comes back online', async () => {
    const wait = waitForRetry(60_000, new AbortController().signal);
    window.dispatchEvent(new Event('online'));
    await expect(wait.done).resolves.toBeUndefined();
  });

  it('ends early when woken or aborted', async () => {
    const woken = waitForRetry(60_000, new AbortController().signal);
    woken.wake();
    await woken.done;
    const abort = new AbortController();
    abort.abort();
    await waitForRetry(60_000, abort.signal).done;
  });
});
