import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { ApiError } from '../../api/client.js';
import { type ProviderInfo, type ProviderModels, providersApi } from '../../api/providers.js';

export type ModelList =
  | { status: 'loading' }
  | { status: 'ready'; list: ProviderModels }
  | { status: 'failed'; message: string };

interface ProviderDataState {
  providers: ProviderInfo[] | null;
  /** By `provider\u0000credential`. */
  models: Record<string, ModelList>;
  loadProviders(): Promise<void>;
  loadModels(provider: string, credential: string | undefined, refresh?: boolean): Promise<void>;
}

const keyOf = (provider: string, credential: string | undefined) => `${provider}\u0000${credential ?? ''}`;

/** The model picker's data: the providers once per session, each provider's models when first picked. */
export const providerDataStore = createStore<ProviderDataState>()((set, get) => ({
  providers: null,
  models: {},
  loadProviders: async () => {
    if (get().providers) return;
    set({ providers: await providersApi.list().catch(() => []) });
  },
  loadModels: async (provider, credential, refresh) => {
    const key = keyOf(provider, credential);
    const known = get().models[key];
    if (known && !refresh && known.status !== 'failed') return;
    set({ models: { ...get().models, [key]: { status: 'loading' } } });
    let next: ModelList;
    try {
      const list = await providersApi.models(provider, { ...(credential ? { credential } : {}), refresh });
      next = { status: 'ready', list };
    } catch (error) {
      next = { status: 'failed', message: error instanceof ApiError ? error.message : String(error) };
    }
    set({ models: { ...get().models, [key]: next } });
  },
}));

export function useProviders(): ProviderInfo[] | null {
  const providers = useStore(providerDataStore, (s) => s.providers);
  useEffect(() => void providerDataStore.getState().loadProviders(), []);
  return providers;
}

/** The provider's models, asked for when `wanted` (a configured provider, or one with a named credential). */
export function useProviderModels(
  provider: string | undefined,
  credential: string | undefined,
  wanted: boolean,
): ModelList | undefined {
  const key = provider ? keyOf(provider, credential) : '';
  const list = useStore(providerDataStore, (s) => (key ? s.models[key] : undefined));
  useEffect(() => {
    if (provider && wanted) void providerDataStore.getState().loadModels(provider, credential);
  }, [provider, credential, wanted]);
  return list;
}
