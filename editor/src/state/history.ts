import type { FlowChange } from './flow-changes.js';

/** One undoable step: the change made and the change that takes it back. */
export interface HistoryEntry {
  forward: FlowChange;
  inverse: FlowChange;
  /** Edits with the same key in quick succession (typing in one field) become one step. */
  coalesceKey?: string;
  at: number;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
const LIMIT = 200;
const COALESCE_MS = 1_000;

/** Records a step; typing into one field within a second folds into the previous step. */
export function record(history: History, entry: HistoryEntry): History {
  const last = history.past.at(-1);
  if (last && entry.coalesceKey && last.coalesceKey === entry.coalesceKey && entry.at - last.at < COALESCE_MS) {
    const merged: HistoryEntry = { ...entry, inverse: last.inverse };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  return { past: [...history.past, entry].slice(-LIMIT), future: [] };
}
