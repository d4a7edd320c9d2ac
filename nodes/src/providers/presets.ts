/**
 * The providers an analyst picks by name. Each preset says which wire protocol it speaks, where
 * it lives, which environment variables configure it and which models it offers, so a flow says
 * `"provider": "deepseek"` and never a URL. The model lists are suggestions for the editor's
 * picker; any model id the provider accepts works.
 */
export interface ProviderPreset {
  id: string;
  title: string;
  /** Wire protocol of chat; absent when the provider only embeds or reranks. */
  chat?: 'openai' | 'anthropic';
  embeddings?: 'openai' | 'ollama';
  rerank?: 'rerank';
  /** Default base URL; absent when each account has its own (Azure) or a URL must be given. */
  baseUrl?: string;
  /** Environment variables holding the key (first set wins) and the base URL. */
  keyEnv: readonly string[];
  baseUrlEnv: readonly string[];
  /** Whether a call without a key makes sense (local servers do not need one). */
  needsKey: boolean;
  /** How the key is presented. */
  auth: 'bearer' | 'api-key' | 'x-api-key';
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Whether `response_format: json_schema` is understood (else JSON mode is used). */
  jsonSchema?: boolean;
  /** Texts per embeddings call. */
  embeddingBatch?: number;
  /** How to ask the provider for its models. */
  modelList?: 'openai' | 'anthropic' | 'ollama';
  models: readonly string[];
  embeddingModels?: readonly string[];
  rerankModels?: readonly string[];
}

const LOCAL = { needsKey: false, auth: 'bearer', jsonSchema: true } as const;

export const PRESETS: Readonly<Record<string, ProviderPreset>> = {
  openai: {
    id: 'openai',
    title: 'OpenAI',
    chat: 'openai',
    embeddings: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    keyEnv: ['OPENAI_API_KEY'],
    baseUrlEnv: ['OPENAI_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    maxTokensField: 'max_completion_tokens',
    jsonSchema: true,
    modelList: 'openai',
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o3-mini'],
    embeddingModels: ['text-embedding-3-small', 'text-embedding-3-large'],
  },
  'azure-openai': {
    id: 'azure-openai',
    title: 'Azure OpenAI',
    chat: 'openai',
    embeddings: 'openai',
    keyEnv: ['AZURE_OPENAI_API_KEY'],
    baseUrlEnv: ['AZURE_OPENAI_BASE_URL', 'AZURE_OPENAI_ENDPOINT'],
    needsKey: true,
    auth: 'api-key',
    maxTokensField: 'max_completion_tokens',
    jsonSchema: true,
    models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1'],
    embeddingModels: ['text-embedding-3-small', 'text-embedding-3-large'],
  },
  anthropic: {
    id: 'anthropic',
    title: 'Anthropic',
    chat: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    keyEnv: ['ANTHROPIC_API_KEY'],
    baseUrlEnv: ['ANTHROPIC_BASE_URL'],
    needsKey: true,
    auth: 'x-api-key',
    modelList: 'anthropic',
    models: ['claude-sonnet-4-0', 'claude-opus-4-1', 'claude-3-5-haiku-latest'],
  },
  deepseek: {
    id: 'deepseek',
    title: 'DeepSeek',
    chat: 'openai',
    baseUrl: 'https://api.deepseek.com/v1',
    keyEnv: ['DEEPSEEK_API_KEY'],
    baseUrlEnv: ['DEEPSEEK_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    jsonSchema: false,
    modelList: 'openai',
    models: ['deepseek-chat', 'deepseek-reasoner'],
  },
  qwen: {
    id: 'qwen',
    title: 'Qwen (Alibaba DashScope, compatible mode)',
    chat: 'openai',
    embeddings: 'openai',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    keyEnv: ['DASHSCOPE_API_KEY', 'QWEN_API_KEY'],
    baseUrlEnv: ['DASHSCOPE_BASE_URL', 'QWEN_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    jsonSchema: false,
    embeddingBatch: 10,
    modelList: 'openai',
    models: ['qwen-plus', 'qwen-max', 'qwen-turbo', 'qwen-long'],
    embeddingModels: ['text-embedding-v3'],
  },
  hunyuan: {
    id: 'hunyuan',
    title: 'Tencent Hunyuan',
    chat: 'openai',
    embeddings: 'openai',
    baseUrl: 'https://api.hunyuan.cloud.tencent.com/v1',
    keyEnv: ['HUNYUAN_API_KEY'],
    baseUrlEnv: ['HUNYUAN_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    jsonSchema: false,
    models: ['hunyuan-turbos-latest', 'hunyuan-large', 'hunyuan-standard', 'hunyuan-lite'],
    embeddingModels: ['hunyuan-embedding'],
  },
  moonshot: {
    id: 'moonshot',
    title: 'Moonshot (Kimi)',
    chat: 'openai',
    baseUrl: 'https://api.moonshot.cn/v1',
    keyEnv: ['MOONSHOT_API_KEY'],
    baseUrlEnv: ['MOONSHOT_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    jsonSchema: false,
    modelList: 'openai',
    models: ['moonshot-v1-8k', 'moonshot-v1-32k', 'moonshot-v1-128k', 'kimi-latest'],
  },
  zhipu: {
    id: 'zhipu',
    title: 'Zhipu AI (GLM)',
    chat: 'openai',
    embeddings: 'openai',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    keyEnv: ['ZHIPU_API_KEY', 'ZHIPUAI_API_KEY'],
    baseUrlEnv: ['ZHIPU_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    jsonSchema: false,
    models: ['glm-4-plus', 'glm-4-air', 'glm-4-flash', 'glm-4-long'],
    embeddingModels: ['embedding-3'],
  },
  vllm: {
    id: 'vllm',
    title: 'vLLM server',
    chat: 'openai',
    embeddings: 'openai',
    rerank: 'rerank',
    baseUrl: 'http://127.0.0.1:8000/v1',
    keyEnv: ['VLLM_API_KEY'],
    baseUrlEnv: ['VLLM_BASE_URL'],
    modelList: 'openai',
    models: [],
    ...LOCAL,
  },
  llamacpp: {
    id: 'llamacpp',
    title: 'llama.cpp server',
    chat: 'openai',
    embeddings: 'openai',
    rerank: 'rerank',
    baseUrl: 'http://127.0.0.1:8080/v1',
    keyEnv: ['LLAMACPP_API_KEY'],
    baseUrlEnv: ['LLAMACPP_BASE_URL'],
    modelList: 'openai',
    models: [],
    ...LOCAL,
  },
  ollama: {
    id: 'ollama',
    title: 'Ollama',
    chat: 'openai',
    embeddings: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    keyEnv: ['OLLAMA_API_KEY'],
    baseUrlEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
    modelList: 'ollama',
    models: [],
    embeddingModels: ['nomic-embed-text', 'bge-m3'],
    ...LOCAL,
  },
  'openai-compatible': {
    id: 'openai-compatible',
    title: 'Any OpenAI-compatible server',
    chat: 'openai',
    embeddings: 'openai',
    rerank: 'rerank',
    keyEnv: ['OPENAI_COMPATIBLE_API_KEY'],
    baseUrlEnv: ['OPENAI_COMPATIBLE_BASE_URL'],
    modelList: 'openai',
    models: [],
    ...LOCAL,
    jsonSchema: false,
  },
  cohere: {
    id: 'cohere',
    title: 'Cohere (rerank)',
    rerank: 'rerank',
    baseUrl: 'https://api.cohere.com/v2',
    keyEnv: ['COHERE_API_KEY', 'CO_API_KEY'],
    baseUrlEnv: ['COHERE_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    models: [],
    rerankModels: ['rerank-v3.5', 'rerank-multilingual-v3.0'],
  },
  jina: {
    id: 'jina',
    title: 'Jina AI (embeddings, rerank)',
    embeddings: 'openai',
    rerank: 'rerank',
    baseUrl: 'https://api.jina.ai/v1',
    keyEnv: ['JINA_API_KEY'],
    baseUrlEnv: ['JINA_BASE_URL'],
    needsKey: true,
    auth: 'bearer',
    models: [],
    embeddingModels: ['jina-embeddings-v3'],
    rerankModels: ['jina-reranker-v2-base-multilingual'],
  },
};

export function presetOf(id: string | undefined): ProviderPreset | undefined {
  return id !== undefined && Object.hasOwn(PRESETS, id) ? PRESETS[id] : undefined;
}

/** Ollama's native root from whatever the user wrote (`127.0.0.1:11434`, `.../v1`, `0.0.0.0`). */
export function ollamaRoot(url: string): string {
  const withScheme = /^https?:\/\//.test(url) ? url : `http://${url}`;
  return withScheme
    .replace('://0.0.0.0', '://127.0.0.1')
    .replace(/\/+$/, '')
    .replace(/\/(v1|api)$/, '');
}

/** What the editor's pickers and the server's provider list show of a preset (no secrets, no URLs of accounts). */
export interface ProviderSummary {
  id: string;
  title: string;
  capabilities: Array<'chat' | 'embeddings' | 'rerank'>;
  /** Whether a key must be configured (local servers need none). */
  needsKey: boolean;
  /** The environment variables the `tailor` command reads for it. */
  keyEnv: readonly string[];
  baseUrlEnv: readonly string[];
  /** Whether its models can be listed live (`listModels`), else the suggestions below are all there is. */
  listsModels: boolean;
  models: readonly string[];
  embeddingModels: readonly string[];
  rerankModels: readonly string[];
}

export function providerSummaries(): ProviderSummary[] {
  return Object.values(PRESETS).map((preset) => ({
    id: preset.id,
    title: preset.title,
    capabilities: [
      ...(preset.chat ? (['chat'] as const) : []),
      ...(preset.embeddings ? (['embeddings'] as const) : []),
      ...(preset.rerank ? (['rerank'] as const) : []),
    ],
    needsKey: preset.needsKey,
    keyEnv: preset.keyEnv,
    baseUrlEnv: preset.baseUrlEnv,
    listsModels: preset.modelList !== undefined,
    models: preset.models,
    embeddingModels: preset.embeddingModels ?? [],
    rerankModels: preset.rerankModels ?? [],
  }));
}
