import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface Size {
  width: number;
  height: number;
}

export type SidePanel = 'inspector' | 'run' | 'chat';

/**
 * What the canvas derives or the user points at, kept apart from the flow document: measured node
 * sizes (React Flow needs them back on every node object), selection and the open side panel.
 */
interface CanvasState {
  measured: Record<string, Size>;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  panel: SidePanel;
  setMeasured(sizes: Record<string, Size>): void;
  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  toggleNode(id: string, selected: boolean): void;
  toggleEdge(id: string, selected: boolean): void;
  setPanel(panel: SidePanel): void;
  reset(): void;
}

const EMPTY: ReadonlySet<string> = new Set();

export const canvasStore = createStore<CanvasState>()((set, get) => ({
  measured: {},
  selectedNodes: EMPTY,
  selectedEdges: EMPTY,
  panel: 'inspector',
  setMeasured: (sizes) => set({ measured: { ...get().measured, ...sizes } }),
  select: (nodes, edges = []) => set({ selectedNodes: new Set(nodes), selectedEdges: new Set(edges) }),
  toggleNode: (id, selected) => {
    const next = new Set(get().selectedNodes);
    if (selected) next.add(id);
    else next.delete(id);
    set({ selectedNodes: next });
  },
  toggleEdge: (id, selected) => {
    const next = new Set(get().selectedEdges);
    if (selected) next.add(id);
    else next.delete(id);
    set({ selectedEdges: next });
  },
  setPanel: (panel) => set({ panel }),
  reset: () => set({ measured: {}, selectedNodes: EMPTY, selectedEdges: EMPTY, panel: 'inspector' }),
}));

export function useCanvas<T>(selector: (state: CanvasState) => T): T {
  return useStore(canvasStore, selector);
}
