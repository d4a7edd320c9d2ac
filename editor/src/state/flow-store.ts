import type { FlowDocument } from '@tailor/runtime/contract';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Problem, Revision } from '../api/schemas.js';
import { applyChange, type FlowChange, isEmptyChange } from './flow-changes.js';
import { EMPTY_HISTORY, type History, record } from './history.js';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface FlowState {
  /** The flow document being edited: the single source of what the canvas shows. */
  doc: FlowDocument | null;
  /** The server revision the draft was loaded from or last saved as (sent as If-Match). */
  revision: Revision | null;
  /** Bumped by every edit, so autosave knows whether a save is still current. */
  version: number;
  savedVersion: number;
  saveState: SaveState;
  saveError: string | null;
  history: History;
  problems: Problem[];
}

export interface FlowActions {
  load(doc: FlowDocument, revision: Revision): void;
  apply(change: FlowChange, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  setProblems(problems: Problem[]): void;
  markSaving(): void;
  markSaved(revision: Revision, version: number): void;
  markSaveFailed(conflict: boolean, message: string): void;
}

export type FlowStore = FlowState & FlowActions;

const initial: FlowState = {
  doc: null,
  revision: null,
  version: 0,
  savedVersion: 0,
  saveState: 'saved',
  saveError: null,
  history: EMPTY_HISTORY,
  problems: [],
};

export function createFlowStore() {
  return createStore<FlowStore>()((set, get) => {
    const edited = (doc: FlowDocument, history: History): Partial<FlowState> => {
      const version = get().version + 1;
      const saveState = get().saveState === 'conflict' ? 'conflict' : 'dirty';
      return { doc, history, version, saveState };
    };
    return {
      ...initial,
      load: (doc, revision) => set({ ...initial, doc, revision }),
      apply: (change, coalesceKey) => {
        const { doc, history } = get();
        if (!doc || isEmptyChange(change)) return;
        const applied = applyChange(doc, change);
        const entry = { forward: change, inverse: applied.inverse, coalesceKey, at: Date.now() };
        set(edited(applied.doc, record(history, entry)));
      },
      undo: () => {
        const { doc, history } = get();
        const entry = history.past.at(-1);
        if (!doc || !entry) return;
        const applied = applyChange(doc, entry.inverse);
        const step = { ...entry, forward: entry.forward, inverse: applied.inverse, coalesceKey: undefined };
        set(edited(applied.doc, { past: history.past.slice(0, -1), future: [...history.future, step] }));
      },
      redo: () => {
        const { doc, history } = get();
        const entry = history.future.at(-1);
        if (!doc || !entry) return;
        const applied = applyChange(doc, entry.forward);
        const step = { ...entry, inverse: applied.inverse };
        set(edited(applied.doc, { past: [...history.past, step], future: history.future.slice(0, -1) }));
      },
      setProblems: (problems) => set({ problems }),
      markSaving: () => set({ saveState: 'saving', saveError: null }),
      markSaved: (revision, version) =>
        set({ revision, savedVersion: version, saveState: get().version === version ? 'saved' : 'dirty' }),
      markSaveFailed: (conflict, message) => set({ saveState: conflict ? 'conflict' : 'error', saveError: message }),
    };
  });
}

/** The editor's one flow store (tests create their own with `createFlowStore`). */
export const flowStore = createFlowStore();

export function useFlow<T>(selector: (state: FlowStore) => T): T {
  return useStore(flowStore, selector);
}
