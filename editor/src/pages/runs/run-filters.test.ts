import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersToQuery, liveMatch } from './run-filters.js';

const NOW = 1_800_000_000_000;

describe('filtersToQuery', () => {
  it('sends only the limit when nothing is filtered', () => {
    expect(filtersToQuery(EMPTY_FILTERS, NOW).toString()).toBe('limit=50');
  });

  it('maps every field to the server query names', () => {
    const query = filtersToQuery(
      {
        flowId: 'faq',
        status: 'failed',
        range: '24h',
        minSeconds: '1.5',
        maxSeconds: '10',
        endUserId: ' u-7 ',
        q: ' refund ',
      },
      NOW,
      { cursor: 'abc', limit: 20 },
    );
    expect(Object.fromEntries(query)).toEqual({
      flowId: 'faq',
      status: 'failed',
      from: String(NOW - 86_400_000),
      minDurationMs: '1500',
      maxDurationMs: '10000',
      endUserId: 'u-7',
      q: 'refund',
      cursor: 'abc',
      limit: '20',
    });
  });

  it('leaves out durations that are not numbers', () => {
    const query = filtersToQuery({ ...EMPTY_FILTERS, minSeconds: 'abc', maxSeconds: '-1' }, NOW);
    expect(query.has('minDurationMs')).toBe(false);
    expect(query.has('maxDurationMs')).toBe(false);
  });
});

describe('liveMatch', () => {
  const run = { id: 'r1', flowId: 'faq', status: 'running' as const, startedAt: NOW };

  it('admits a new run when nothing is filtered', () => {
    expect(liveMatch(run, EMPTY_FILTERS)).toBe(true);
  });

  it('rejects another flow or status', () => {
    expect(liveMatch(run, { ...EMPTY_FILTERS, flowId: 'other' })).toBe(false);
    expect(liveMatch(run, { ...EMPTY_FILTERS, status: 'failed' })).toBe(false);
  });

  it('checks durations only once the run has one', () => {
    const filters = { ...EMPTY_FILTERS, minSeconds: '2' };
    expect(liveMatch(run, filters)).toBe(false);
    expect(liveMatch({ ...run, status: 'succeeded', durationMs: 2500 }, filters)).toBe(true);
  });

  it('cannot tell text and end-user matches without the server', () => {
    expect(liveMatch(run, { ...EMPTY_FILTERS, q: 'refund' })).toBe('unknown');
  });
});
