import type { RunEvent, RunRecord } from '@tailor/runtime/contract';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { runViewFromRecord } from './run-record-view.js';
import type { NodeRunView, RunView } from './run-state.js';
import { applyRunEvent, IDLE_RUN, startingRun } from './run-state.js';

interface RunState {
  view: RunView;
  /** Last values typed into the inputs form, kept per flow while the page lives. */
  inputs: Record<string, unknown>;
  /** Events that arrived before the editor learned which run they belong to. */
  early: RunEvent[];
  begin(runId: string): void;
  apply(event: RunEvent): void;
  loadRecord(record: RunRecord): void;
  reset(): void;
  setInputs(inputs: Record<string, unknown>): void;
}

export const runStore = createStore<RunState>()((set, get) => ({
  view: IDLE_RUN,
  inputs: {},
  early: [],
  begin: (runId) => {
    const view = get()
      .early.filter((e) => e.runId === runId)
      .reduce(applyRunEvent, startingRun(runId));
    set({ view, early: [] });
  },
  apply: (event) => {
    const { view } = get();
    if (view.runId === null || view.runId === event.runId) set({ view: applyRunEvent(view, event) });
    else if (view.status !== 'running') set({ early: [...get().early.slice(-500), event] });
  },
  loadRecord: (record) => set({ view: runViewFromRecord(record, get().view) }),
  reset: () => set({ view: IDLE_RUN, early: [] }),
  setInputs: (inputs) => set({ inputs }),
}));

export function useRun<T>(selector: (state: RunState) => T): T {
  return useStore(runStore, selector);
}

/** One node's run state: nodes re-render only when their own status changes. */
export function useNodeRun(nodeId: string): NodeRunView | undefined {
  return useStore(runStore, (s) => s.view.nodes[nodeId]);
}
