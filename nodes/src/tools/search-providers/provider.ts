import type { SafeFetch } from '../../net/safe-fetch.js';
import type { Credential } from '../../services/credentials.js';

export interface SearchQuery {
  query: string;
  topK: number;
  /** Language of the results, e.g. "zh-CN", "en". */
  language?: string;
  /** Country or market, e.g. "CN", "US". */
  region?: string;
  timeRange?: 'day' | 'week' | 'month' | 'year';
  safeSearch: 'off' | 'moderate' | 'strict';
}

export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
  date?: string;
}

export interface SearchCall {
  fetch: SafeFetch;
  credential?: Credential;
  /** The provider's address; its public API unless a credential or the node names another. */
  baseUrl: string;
  signal: AbortSignal;
  timeoutMs: number;
}

/** One web search API. Each lives in its own file; `search-providers/index.ts` lists them. */
export interface SearchProvider {
  readonly name: string;
  readonly title: string;
  readonly defaultBaseUrl?: string;
  readonly needsKey: boolean;
  search(query: SearchQuery, call: SearchCall): Promise<SearchResult[]>;
}
