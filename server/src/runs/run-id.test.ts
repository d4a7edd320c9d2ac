import { describe, expect, it } from 'vitest';
import { newRunId } from './run-id.js';

describe('newRunId', () => {
  it('is a UUID version 7 whose first 48 bits are the time', () => {
    const id = newRunId(1_700_000_000_000);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.slice(0, 13).replace('-', '')).toBe((1_700_000_000_000).toString(16).padStart(12, '0'));
    expect(newRunId(2 ** 48 - 1).slice(0, 13)).toBe('ffffffff-ffff');
  });

  it('sorts by time and does not repeat across refills of its random pool', () => {
    expect(newRunId(1_000) < newRunId(1_001)).toBe(true);
    const ids = new Set(Array.from({ length: 5_000 }, () => newRunId(42)));
    expect(ids.size).toBe(5_000);
  });
});
