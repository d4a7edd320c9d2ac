import { serviceKey, type TokenUsage } from '@tailor/runtime';

/**
 * The small interfaces every model provider implements. Nodes depend on these only; the wire
 * protocols (OpenAI-compatible, Anthropic, Ollama, Cohere/Jina rerank) live behind them.
 */

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** On an assistant message that asked for tools. */
  toolCalls?: ToolCall[];
  /** On a tool message: which call this answers. */
  toolCallId?: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown> };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  responseFormat?: ResponseFormat;
  tools?: ToolSpec[];
  /** Called with each streamed piece of text; providing it asks the provider to stream. */
  onText?: (text: string) => void;
  /** Called with each streamed piece of a reasoning model's thinking (DeepSeek-R1, QwQ, …). */
  onReasoning?: (text: string) => void;
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'other';

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Pick<TokenUsage, 'input' | 'output'>;
  /** True when the provider reported no usage and the counts are an estimate from the text. */
  usageEstimated?: boolean;
  /** A reasoning model's thinking, sent apart from the answer (`reasoning_content`). */
  reasoning?: string;
  model: string;
}

export interface ChatProvider {
  chat(request: ChatRequest): Promise<ChatResponse>;
}

export interface EmbeddingResult {
  vectors: Float32Array[];
  model: string;
  dimensions: number;
  usage?: { input: number };
}

export interface EmbeddingProvider {
  embed(texts: string[], options: { model: string; signal?: AbortSignal }): Promise<EmbeddingResult>;
}

export interface RerankProvider {
  /** Scores for the documents, best first, each with its index in `documents`. */
  rerank(request: {
    model: string;
    query: string;
    documents: string[];
    topN?: number;
    signal?: AbortSignal;
  }): Promise<Array<{ index: number; score: number }>>;
}

/** A provider chosen by name (`openai`, `deepseek`, `anthropic`, `ollama`, …) and a credential id. */
export interface ProviderSelection {
  provider: string;
  credential?: string;
}

/** A model a provider offers, for pickers in the editor. */
export interface ModelInfo {
  id: string;
  /** What the model is for, when known. */
  kind?: 'chat' | 'embedding' | 'rerank';
}

/** How nodes reach providers: resolves a name + credential into a ready client. */
export interface ModelProviders {
  chat(selection: ProviderSelection): Promise<ChatProvider>;
  embedding(selection: ProviderSelection): Promise<EmbeddingProvider>;
  rerank(selection: ProviderSelection): Promise<RerankProvider>;
  /** The models a provider offers: asked live where the provider lists them, else its preset list. */
  listModels?(selection: ProviderSelection & { signal?: AbortSignal }): Promise<ModelInfo[]>;
}

export const ModelProvidersService = serviceKey<ModelProviders>(
  'models',
  'the model providers (LLM, embeddings, rerank)',
);
