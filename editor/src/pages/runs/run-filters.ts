import type { RunStatus } from '@tailor/runtime/contract';
import type { RunSummary } from './runs-api.js';

export const TIME_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 } as const;
export type TimeRange = '' | keyof typeof TIME_RANGES;

/** The filter bar as the analyst typed it (text fields stay text until they are sent). */
export interface RunFilters {
  flowId: string;
  status: '' | RunStatus;
  range: TimeRange;
  /** Seconds, as typed. */
  minSeconds: string;
  maxSeconds: string;
  endUserId: string;
  q: string;
}

export const EMPTY_FILTERS: RunFilters = {
  flowId: '',
  status: '',
  range: '',
  minSeconds: '',
  maxSeconds: '',
  endUserId: '',
  q: '',
};

function seconds(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? undefined : Math.round(value * 1000);
}

/** The query of `GET /api/runs` (names from the server's RunFilterSchema); empty fields are left out. */
export function filtersToQuery(filters: RunFilters, now: number, page: { cursor?: string; limit?: number } = {}) {
  const query = new URLSearchParams();
  if (filters.flowId) query.set('flowId', filters.flowId);
  if (filters.status) query.set('status', filters.status);
  if (filters.range) query.set('from', String(now - TIME_RANGES[filters.range]));
  const min = seconds(filters.minSeconds);
  const max = seconds(filters.maxSeconds);
  if (min !== undefined) query.set('minDurationMs', String(min));
  if (max !== undefined) query.set('maxDurationMs', String(max));
  if (filters.endUserId.trim()) query.set('endUserId', filters.endUserId.trim());
  if (filters.q.trim()) query.set('q', filters.q.trim().slice(0, 200));
  if (page.cursor) query.set('cursor', page.cursor);
  query.set('limit', String(page.limit ?? 50));
  return query;
}

/**
 * Whether a run seen live over socket.io belongs in the list. Text and end-user filters need the
 * server (events carry neither), so with those set the list offers a reload instead.
 */
export function liveMatch(run: RunSummary, filters: RunFilters): boolean | 'unknown' {
  if (filters.flowId && run.flowId !== filters.flowId) return false;
  if (filters.status && run.status !== filters.status) return false;
  const min = seconds(filters.minSeconds);
  const max = seconds(filters.maxSeconds);
  if ((min !== undefined || max !== undefined) && run.durationMs === undefined) return false;
  if (min !== undefined && (run.durationMs ?? 0) < min) return false;
  if (max !== undefined && (run.durationMs ?? 0) > max) return false;
  if (filters.q.trim() || filters.endUserId.trim()) return 'unknown';
  return true;
}
