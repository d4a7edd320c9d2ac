/** The provider layer's public face: what the server and other node families use. */
export { createAnthropicChat } from './anthropic-chat.js';
export { createOllamaEmbeddings, createOpenAiEmbeddings } from './embeddings.js';
export * from './interfaces.js';
export { createModelProviders, type ModelProvidersOptions } from './model-registry.js';
export { detectOllama, listOllamaModels, OLLAMA_DEFAULT_ROOT, type OllamaDetection } from './ollama.js';
export { createOpenAiChat, type OpenAiChatOptions } from './openai-chat.js';
export {
  ollamaRoot,
  PRESETS,
  type ProviderPreset,
  type ProviderSummary,
  presetOf,
  providerSummaries,
} from './presets.js';
export {
  DEFAULT_PRICES,
  type ModelPrice,
  mergePriceTables,
  type PriceTable,
  PriceTableSchema,
  PriceTableService,
  parsePriceTable,
  priceOf,
  priceUsage,
} from './prices.js';
export {
  credentialsFromEnv,
  mergeCredentials,
  parseCredentialsFile,
  readCredentialsFile,
} from './provider-credentials.js';
export { classifyProviderError, redactSecrets } from './provider-errors.js';
export { endpointOf, type ProviderEndpoint } from './provider-http.js';
export { createRerank } from './rerank.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
export { readServerSentEvents } from './sse.js';
export { estimateTokens } from './token-estimate.js';
