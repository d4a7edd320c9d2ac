import { bing } from './bing.js';
import { brave } from './brave.js';
import type { SearchProvider } from './provider.js';
import { searxng } from './searxng.js';
import { serpapi } from './serpapi.js';
import { tavily } from './tavily.js';

export type { SearchCall, SearchProvider, SearchQuery, SearchResult } from './provider.js';

/** Every web search provider, by the name a flow uses. */
export const SEARCH_PROVIDERS = { searxng, bing, tavily, serpapi, brave } as const satisfies Record<
  string,
  SearchProvider
>;
export type SearchProviderName = keyof typeof SEARCH_PROVIDERS;
export const SEARCH_PROVIDER_NAMES = Object.keys(SEARCH_PROVIDERS) as [SearchProviderName, ...SearchProviderName[]];
