import { TailorError } from '@tailor/runtime';
import type { Credential, CredentialResolver } from '../services/credentials.js';
import { anthropicHeaders, createAnthropicChat } from './anthropic-chat.js';
import { createOllamaEmbeddings, createOpenAiEmbeddings } from './embeddings.js';
import type { ModelInfo, ModelProviders, ProviderSelection } from './interfaces.js';
import { listOllamaModels } from './ollama.js';
import { createOpenAiChat } from './openai-chat.js';
import { ollamaRoot, PRESETS, type ProviderPreset, presetOf } from './presets.js';
import { endpointOf, type ProviderEndpoint, readJsonBody, sendProviderRequest } from './provider-http.js';
import { createRerank } from './rerank.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';

export interface ModelProvidersOptions {
  retry?: RetryOptions;
  /** A stream silent this long fails the call (default 60 s). */
  idleTimeoutMs?: number;
}

interface Resolved {
  preset: ProviderPreset;
  credential?: Credential;
  endpoint: ProviderEndpoint;
}

/**
 * The `ModelProviders` service: turns a node's `{ provider, credential? }` into a ready client.
 * A node that names no credential uses the one named after its provider (which is what
 * `credentialsFromEnv` produces), so `OPENAI_API_KEY` is enough for `"provider": "openai"`.
 */
export function createModelProviders(
  resolver: CredentialResolver,
  options: ModelProvidersOptions = {},
): ModelProviders {
  const resolve = (selection: ProviderSelection) => resolveSelection(resolver, selection, options);
  return {
    async chat(selection) {
      const { preset, credential, endpoint } = await resolve(selection);
      if (preset.chat === 'anthropic') return createAnthropicChat(endpoint);
      if (preset.chat !== 'openai') throw unsupported(preset, 'chat models');
      const deployments = azureDeployments(preset, credential);
      return createOpenAiChat({
        endpoint,
        maxTokensField: preset.maxTokensField,
        jsonSchema: preset.jsonSchema,
        ...(deployments ? { pathFor: (model: string) => deployments(model, 'chat/completions') } : {}),
      });
    },
    async embedding(selection) {
      const { preset, credential, endpoint } = await resolve(selection);
      if (preset.embeddings === 'ollama') {
        return createOllamaEmbeddings({ ...endpoint, baseUrl: ollamaRoot(endpoint.baseUrl) });
      }
      if (preset.embeddings !== 'openai') throw unsupported(preset, 'embeddings');
      const deployments = azureDeployments(preset, credential);
      return createOpenAiEmbeddings(
        endpoint,
        preset.embeddingBatch,
        deployments ? (model) => deployments(model, 'embeddings') : undefined,
      );
    },
    async rerank(selection) {
      const { preset, endpoint } = await resolve(selection);
      if (preset.rerank !== 'rerank') throw unsupported(preset, 'reranking');
      return createRerank(endpoint);
    },
    async listModels(selection) {
      const { preset, endpoint } = await resolve(selection);
      if (preset.modelList === 'ollama')
        return listOllamaModels({ ...endpoint, baseUrl: ollamaRoot(endpoint.baseUrl) }, selection.signal);
      if (preset.modelList === 'openai') return listOpenAiModels(endpoint, selection.signal);
      if (preset.modelList === 'anthropic') return listOpenAiModels(endpoint, selection.signal, '/v1/models');
      return presetModels(preset);
    },
  };
}

/** Azure with an api-version calls `/deployments/<deployment>/<operation>`; its v1 API does not. */
function azureDeployments(preset: ProviderPreset, credential: Credential | undefined) {
  if (preset.id !== 'azure-openai' || !credential?.extra?.apiVersion) return undefined;
  return (model: string, operation: string) => `/deployments/${encodeURIComponent(model)}/${operation}`;
}

function presetModels(preset: ProviderPreset): ModelInfo[] {
  return [
    ...preset.models.map((id) => ({ id, kind: 'chat' as const })),
    ...(preset.embeddingModels ?? []).map((id) => ({ id, kind: 'embedding' as const })),
    ...(preset.rerankModels ?? []).map((id) => ({ id, kind: 'rerank' as const })),
  ];
}

/** `GET /models` of OpenAI-compatible servers, and Anthropic's `GET /v1/models` (same `data[].id` shape). */
async function listOpenAiModels(
  endpoint: ProviderEndpoint,
  signal?: AbortSignal,
  path = '/models',
): Promise<ModelInfo[]> {
  const response = await sendProviderRequest(endpoint, path, { method: 'GET', signal });
  const body = (await readJsonBody(endpoint, response)) as { data?: Array<{ id?: unknown }> };
  if (!Array.isArray(body.data))
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent a model list in an unknown shape.`);
  return body.data.flatMap((model) => (typeof model.id === 'string' ? [{ id: model.id }] : []));
}

function unsupported(preset: ProviderPreset, what: string): TailorError {
  return new TailorError('PROVIDER_BAD_REQUEST', `${preset.title} does not offer ${what} in Tailor.`);
}

async function resolveSelection(
  resolver: CredentialResolver,
  selection: ProviderSelection,
  options: ModelProvidersOptions,
): Promise<Resolved> {
  const credentialId = selection.credential ?? selection.provider;
  const credential = await resolver.get(credentialId);
  if (selection.credential && !credential) {
    throw new TailorError(
      'CREDENTIAL_MISSING',
      `No credential is named "${selection.credential}"; add it under Credentials.`,
    );
  }
  const preset =
    presetOf(selection.provider) ??
    presetOf(credential?.provider) ??
    (credential?.baseUrl ? PRESETS['openai-compatible'] : undefined);
  if (!preset) {
    const known = Object.keys(PRESETS).join(', ');
    throw new TailorError('PROVIDER_UNKNOWN', `"${selection.provider}" is not one of: ${known}.`);
  }
  const baseUrl = baseUrlOf(preset, credential);
  if (preset.needsKey && !credential?.apiKey) {
    const variable = preset.keyEnv[0] ?? 'the API key variable';
    throw new TailorError(
      'CREDENTIAL_MISSING',
      `${preset.title} needs an API key: set ${variable}, or add a credential named "${credentialId}".`,
    );
  }
  const apiKey = credential?.apiKey;
  const extraHeaders = credential?.headers ?? {};
  const headers = { ...authHeaders(preset, apiKey), ...extraHeaders };
  const apiVersion = credential?.extra?.apiVersion;
  const endpoint = endpointOf({
    provider: preset.id,
    baseUrl,
    headers,
    ...(apiVersion && preset.id === 'azure-openai' ? { query: { 'api-version': apiVersion } } : {}),
    // Only this credential's values can come back in this provider's messages.
    secrets: [apiKey, credential?.password, ...Object.values(extraHeaders)].filter((s): s is string => !!s),
    retry: options.retry ?? DEFAULT_RETRY,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
  });
  return { preset, credential, endpoint };
}

function baseUrlOf(preset: ProviderPreset, credential: Credential | undefined): string {
  const given = credential?.baseUrl ?? preset.baseUrl;
  if (!given) {
    const variable = preset.baseUrlEnv[0] ?? 'a base URL';
    throw new TailorError(
      'CREDENTIAL_MISSING',
      `${preset.title} needs a base URL: set ${variable}, or add baseUrl to the credential.`,
    );
  }
  const url = given.replace(/\/+$/, '');
  if (preset.id === 'ollama') return `${ollamaRoot(url)}/v1`;
  if (preset.id !== 'azure-openai' || /\/openai(\/|$)/.test(url)) return url;
  // An Azure resource endpoint (https://<name>.openai.azure.com): the v1 API, or deployments with an api-version.
  return credential?.extra?.apiVersion ? `${url}/openai` : `${url}/openai/v1`;
}

function authHeaders(preset: ProviderPreset, apiKey: string | undefined): Record<string, string> {
  if (preset.chat === 'anthropic') return anthropicHeaders(apiKey);
  if (!apiKey) return {};
  if (preset.auth === 'api-key') return { 'api-key': apiKey };
  if (preset.auth === 'x-api-key') return { 'x-api-key': apiKey };
  return { authorization: `Bearer ${apiKey}` };
}
