import type { RunEvent } from '@tailor/runtime/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { joined, onReconnect, onRunEvent, subscribe } from '../../api/socket.js';
import { applyLiveEvent, prependRun, type RunRow, summaryFromStart } from './live-runs.js';
import { filtersToQuery, liveMatch, type RunFilters } from './run-filters.js';
import { runsListApi } from './runs-api.js';

export interface RunList {
  rows: RunRow[] | null;
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  /** Live runs the filters may match but only the server can tell (text, end user). */
  pending: number;
  loadMore(): void;
  reload(): void;
}

/** Inserts a run that ended after the list was filtered, keeping newest-first order. */
function insertByStart(rows: RunRow[], run: RunRow): RunRow[] {
  if (rows.some((row) => row.id === run.id)) return rows;
  const index = rows.findIndex((row) => row.startedAt < run.startedAt);
  return index < 0 ? [...rows, run] : [...rows.slice(0, index), run, ...rows.slice(index)];
}

/** The filtered runs list with its cursor, kept live by every run's events over socket.io. */
export function useRunList(filters: RunFilters): RunList {
  const [rows, setRows] = useState<RunRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(0);
  const [generation, setGeneration] = useState(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  /** Runs seen starting live, so a run that ends matching a status filter can join the list. */
  const started = useRef(new Map<string, RunRow>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation forces a reload
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    setPending(0);
    // The list is read once the live room is joined (or after a few seconds without a socket).
    Promise.race([joined({ all: true }), new Promise((resolve) => setTimeout(resolve, 3000))])
      .catch(() => undefined)
      .then(() => runsListApi.list(filtersToQuery(filters, Date.now()), controller.signal))
      .then((page) => {
        setRows(page.runs);
        setNextCursor(page.nextCursor);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(caught);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filters, generation]);

  const onEvent = useCallback((event: RunEvent) => {
    const current = filtersRef.current;
    if (event.type === 'run.start') {
      const row = summaryFromStart(event);
      started.current.set(row.id, row);
      const match = liveMatch(row, current);
      if (match === true) setRows((list) => (list ? prependRun(list, row) : list));
      else if (match === 'unknown') setPending((n) => n + 1);
      return;
    }
    setRows((list) => {
      if (!list) return list;
      const next = applyLiveEvent(list, event);
      if (next !== list || event.type !== 'run.end') return next;
      const known = started.current.get(event.runId);
      if (!known) return list;
      const ended = applyLiveEvent([known], event)[0];
      return ended && liveMatch(ended, current) === true ? insertByStart(list, ended) : list;
    });
    if (event.type === 'run.end') started.current.delete(event.runId);
  }, []);

  useEffect(() => {
    const off = onRunEvent(onEvent);
    let unsubscribe: (() => void) | undefined;
    let gone = false;
    void subscribe({ all: true }).then((stop) => {
      if (gone) stop();
      else unsubscribe = stop;
    });
    return () => {
      gone = true;
      off();
      unsubscribe?.();
    };
  }, [onEvent]);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    setLoading(true);
    runsListApi
      .list(filtersToQuery(filtersRef.current, Date.now(), { cursor: nextCursor }))
      .then((page) => {
        setRows((list) => {
          const seen = new Set((list ?? []).map((row) => row.id));
          return [...(list ?? []), ...page.runs.filter((run) => !seen.has(run.id))];
        });
        setNextCursor(page.nextCursor);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, [nextCursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // Runs that started while the connection was down arrive with a fresh first page.
  useEffect(() => onReconnect(reload), [reload]);
  return { rows, nextCursor, loading, error, pending, loadMore, reload };
}
