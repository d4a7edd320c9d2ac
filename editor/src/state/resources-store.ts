import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { credentialsApi, knowledgeApi } from '../api/admin.js';
import type { Credential, KnowledgeBase } from '../api/schemas.js';

interface ResourcesState {
  credentials: Credential[] | null;
  knowledgeBases: KnowledgeBase[] | null;
  loadCredentials(force?: boolean): Promise<void>;
  loadKnowledgeBases(force?: boolean): Promise<void>;
}

/** Lists the pickers offer (credentials, knowledge bases), fetched once and refreshed on demand. */
export const resourcesStore = createStore<ResourcesState>()((set, get) => ({
  credentials: null,
  knowledgeBases: null,
  loadCredentials: async (force) => {
    if (get().credentials && !force) return;
    set({ credentials: await credentialsApi.list().catch(() => []) });
  },
  loadKnowledgeBases: async (force) => {
    if (get().knowledgeBases && !force) return;
    set({ knowledgeBases: await knowledgeApi.list().catch(() => []) });
  },
}));

export function useCredentials(): Credential[] {
  const list = useStore(resourcesStore, (s) => s.credentials);
  useEffect(() => void resourcesStore.getState().loadCredentials(), []);
  return list ?? [];
}

export function useKnowledgeBases(): KnowledgeBase[] {
  const list = useStore(resourcesStore, (s) => s.knowledgeBases);
  useEffect(() => void resourcesStore.getState().loadKnowledgeBases(), []);
  return list ?? [];
}
