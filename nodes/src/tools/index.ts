export { type HttpConfig, httpNode } from './http.js';
export { maskSecrets } from './mask-secrets.js';
export { asAgentTool, importOpenApi, type OpenApiTool } from './openapi-import.js';
export { mainText } from './page-extract.js';
export { type SearchConfig, searchNode } from './search.js';
export {
  SEARCH_PROVIDER_NAMES,
  SEARCH_PROVIDERS,
  type SearchProvider,
  type SearchQuery,
  type SearchResult as WebSearchResult,
} from './search-providers/index.js';
