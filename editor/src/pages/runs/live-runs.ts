import { addUsage, type RunEvent } from '@tailor/runtime/contract';
import type { RunSummary } from './runs-api.js';

/** A list row: the stored summary, plus the node a running run is at (from live events). */
export type RunRow = RunSummary & { currentNode?: string };

function patch(rows: RunRow[], runId: string, change: (row: RunRow) => RunRow): RunRow[] {
  const index = rows.findIndex((row) => row.id === runId);
  if (index < 0) return rows;
  const next = rows.slice();
  next[index] = change(rows[index] as RunRow);
  return next;
}

/** What a live event says about a run as a summary row (a start makes a new one). */
export function summaryFromStart(event: Extract<RunEvent, { type: 'run.start' }>): RunRow {
  return { id: event.runId, flowId: event.flowId, status: 'running', startedAt: event.at };
}

/**
 * Folds one live event into the rows the list shows. New runs are added by the caller (it knows the
 * filters); here known rows change: the node they are at, their tokens so far, how they ended.
 */
export function applyLiveEvent(rows: RunRow[], event: RunEvent): RunRow[] {
  switch (event.type) {
    case 'node.start':
      if (event.scope?.length) return rows;
      return patch(rows, event.runId, (row) => ({ ...row, currentNode: event.nodeId }));
    case 'node.end': {
      if (!event.usage) return rows;
      const usage = event.usage;
      return patch(rows, event.runId, (row) =>
        row.status === 'running' ? { ...row, usage: addUsage(row.usage, usage) } : row,
      );
    }
    case 'run.end':
      return patch(rows, event.runId, (row) => {
        const { currentNode: _done, ...rest } = row;
        return {
          ...rest,
          status: event.status,
          endedAt: event.at,
          durationMs: event.durationMs,
          ...(event.usage ? { usage: event.usage } : {}),
          ...(event.error ? { error: event.error } : {}),
        };
      });
    default:
      return rows;
  }
}

/** Adds a run at the top unless the list already has it (a reload may race the live event). */
export function prependRun(rows: RunRow[], run: RunRow): RunRow[] {
  return rows.some((row) => row.id === run.id) ? rows : [run, ...rows];
}
