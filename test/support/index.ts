/** Local servers that speak the model providers' wire protocols, for tests (127.0.0.1 only). */
export { deterministicVector, tokensOf } from './deterministic-vectors.js';
export { type CollectedSpan, type OtlpCollector, startOtlpCollector } from './otlp-collector.js';
export {
  type Exchange,
  type ProviderServer,
  type ProviderServerOptions,
  type RecordedRequest,
  startProviderServer,
} from './provider-server.js';
export {
  estimateTokens,
  type ScriptedAnswer,
  type ScriptedBrokenStream,
  type ScriptedError,
  type ScriptedReply,
  type ScriptedToolCall,
  type ScriptRoute,
} from './scripted-replies.js';
