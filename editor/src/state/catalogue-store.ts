import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { catalogueApi } from '../api/catalogue.js';
import type { CatalogueEntry } from '../api/schemas.js';

interface CatalogueState {
  entries: CatalogueEntry[];
  byType: ReadonlyMap<string, CatalogueEntry>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  set(entries: CatalogueEntry[]): void;
}

/** The node types the server offers; loaded once per session. */
export const catalogueStore = createStore<CatalogueState>()((set, get) => ({
  entries: [],
  byType: new Map(),
  status: 'idle',
  error: null,
  load: async () => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading', error: null });
    try {
      get().set(await catalogueApi.list());
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  set: (entries) => set({ entries, byType: new Map(entries.map((e) => [e.type, e])), status: 'ready' }),
}));

export function useCatalogue<T>(selector: (state: CatalogueState) => T): T {
  return useStore(catalogueStore, selector);
}

export function useEntry(type: string): CatalogueEntry | undefined {
  return useStore(catalogueStore, (s) => s.byType.get(type));
}
