import {
  type CredentialResolver,
  CredentialsService,
  createModelProviders,
  detectOllama,
  type ModelInfo,
  type ModelProviders,
  OLLAMA_DEFAULT_ROOT,
  ollamaRoot,
  PRESETS,
  type ProviderPreset,
  presetOf,
} from '@tailor/nodes';
import type { ServiceKey } from '@tailor/runtime';
import { z } from 'zod';

type Env = Readonly<Record<string, string | undefined>>;

export const ModelKindSchema = z.enum(['chat', 'embedding', 'rerank']);
export type ModelKind = z.output<typeof ModelKindSchema>;

/** What the editor's model picker knows of a provider; never a key, never an account's URL. */
export const ProviderInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  kinds: z.array(ModelKindSchema),
  /** A key (or, for local servers, a base URL or a running server) is there to call it. */
  configured: z.boolean(),
  needsKey: z.boolean(),
  /** A local Ollama answered when the server started. */
  detected: z.boolean(),
  /** Whether `GET /api/providers/:id/models` asks the provider, or only returns the suggestions. */
  listsModels: z.boolean(),
  /** Stored credentials for this provider (ids only), for nodes that name one. */
  credentials: z.array(z.string()),
  /** Environment variables that configure it. */
  keyEnv: z.array(z.string()),
  baseUrlEnv: z.array(z.string()),
  suggested: z.object({ chat: z.array(z.string()), embedding: z.array(z.string()), rerank: z.array(z.string()) }),
});
export type ProviderInfo = z.output<typeof ProviderInfoSchema>;

export const ProviderModelsSchema = z.object({
  provider: z.string(),
  /** True when the list came from the provider itself, false for the shipped suggestions. */
  live: z.boolean(),
  /** Epoch ms the list was read (it is kept a short while). */
  listedAt: z.number(),
  models: z.array(z.object({ id: z.string(), kind: ModelKindSchema.optional() })),
});
export type ProviderModels = z.output<typeof ProviderModelsSchema>;

/** Why a model list could not be read: the provider is unknown, silent, or said no. */
export class ProviderListError extends Error {
  readonly reason: 'unknown' | 'timeout';

  constructor(reason: 'unknown' | 'timeout', message: string) {
    super(message);
    this.name = 'ProviderListError';
    this.reason = reason;
  }
}

export interface ProviderDirectoryOptions {
  /** The same credentials runs use (stored ones, then the environment's). */
  credentials: CredentialResolver;
  /** Stored credentials (id and provider only), to tell which providers have one. */
  storedCredentials(): Promise<ReadonlyArray<{ id: string; provider?: string | undefined }>>;
  env: Env;
  /** How long a provider may take to list its models (default 5 s). */
  listTimeoutMs?: number;
  /** How long a model list is reused (default 30 s). */
  cacheMs?: number;
  now?: () => number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|0\.0\.0\.0)$/;

/**
 * The model providers of this installation for the editor: which presets are configured (from
 * the credentials runs use and a local Ollama found at start), and the models each one lists
 * over its own protocol, kept briefly so a picker opening twice does not ask twice.
 */
export class ProviderDirectory {
  readonly #options: ProviderDirectoryOptions;
  readonly #providers: ModelProviders;
  readonly #cache = new Map<string, { at: number; models: Promise<ProviderModels> }>();
  #ollama: Promise<boolean> = Promise.resolve(false);

  constructor(options: ProviderDirectoryOptions) {
    this.#options = options;
    // One try: the editor waits on this, and a provider that is down should say so at once.
    this.#providers = createModelProviders(options.credentials, {
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      idleTimeoutMs: this.#timeoutMs,
    });
  }

  get #timeoutMs(): number {
    return this.#options.listTimeoutMs ?? 5_000;
  }

  /**
   * Looks for Ollama on this machine without holding up the start: only a loopback address (the
   * configured one when it is local, else 127.0.0.1:11434), one short request.
   */
  detectOllama(timeoutMs = 800): void {
    if (/^(0|off|false)$/i.test(this.#options.env.TAILOR_DETECT_OLLAMA ?? '')) return;
    const configured = this.#options.env.OLLAMA_BASE_URL?.trim() || this.#options.env.OLLAMA_HOST?.trim();
    const root = ollamaRoot(configured || OLLAMA_DEFAULT_ROOT);
    if (!LOOPBACK.test(new URL(root).hostname)) return;
    this.#ollama = detectOllama({ baseUrl: root, timeoutMs }).then((found) => found !== undefined);
  }

  async list(): Promise<ProviderInfo[]> {
    const stored = await this.#options.storedCredentials();
    const ollamaFound = await this.#ollama;
    return Promise.all(
      Object.values(PRESETS).map(async (preset) => {
        const credentials = stored.filter((c) => c.provider === preset.id && c.id !== preset.id).map((c) => c.id);
        const detected = preset.id === 'ollama' && ollamaFound;
        const own = await this.#options.credentials.get(preset.id);
        const reachable = preset.needsKey
          ? Boolean(own?.apiKey) && Boolean(own?.baseUrl ?? preset.baseUrl)
          : Boolean(own?.baseUrl ?? own?.apiKey) || detected;
        return {
          id: preset.id,
          label: preset.title,
          kinds: kindsOf(preset),
          configured: reachable || credentials.length > 0,
          needsKey: preset.needsKey,
          detected,
          listsModels: preset.modelList !== undefined,
          credentials,
          keyEnv: [...preset.keyEnv],
          baseUrlEnv: [...preset.baseUrlEnv],
          suggested: {
            chat: [...preset.models],
            embedding: [...(preset.embeddingModels ?? [])],
            rerank: [...(preset.rerankModels ?? [])],
          },
        };
      }),
    );
  }

  /** The provider's models; failures (unreachable, refused, silent) are not kept. */
  models(providerId: string, options: { credential?: string; refresh?: boolean } = {}): Promise<ProviderModels> {
    const preset = presetOf(providerId);
    if (!preset) {
      const known = Object.keys(PRESETS).join(', ');
      return Promise.reject(new ProviderListError('unknown', `No provider "${providerId}"; known: ${known}.`));
    }
    const now = this.#options.now ?? Date.now;
    const key = `${preset.id}\u0000${options.credential ?? ''}`;
    const cached = this.#cache.get(key);
    if (cached && !options.refresh && now() - cached.at < (this.#options.cacheMs ?? 30_000)) return cached.models;
    const models = this.#ask(preset, options.credential, now());
    this.#cache.set(key, { at: now(), models });
    models.catch(() => {
      if (this.#cache.get(key)?.models === models) this.#cache.delete(key);
    });
    return models;
  }

  async #ask(preset: ProviderPreset, credential: string | undefined, listedAt: number): Promise<ProviderModels> {
    // Nothing to ask: the shipped suggestions need no key.
    if (preset.modelList === undefined)
      return { provider: preset.id, live: false, listedAt, models: suggested(preset) };
    const signal = AbortSignal.timeout(this.#timeoutMs);
    if (!this.#providers.listModels) throw new Error('The model providers cannot list models.');
    let listed: ModelInfo[];
    try {
      listed = await this.#providers.listModels({ provider: preset.id, ...(credential ? { credential } : {}), signal });
    } catch (thrown) {
      if (signal.aborted) {
        throw new ProviderListError(
          'timeout',
          `${preset.title} did not list its models within ${Math.round(this.#timeoutMs / 100) / 10} s.`,
        );
      }
      throw thrown;
    }
    return {
      provider: preset.id,
      live: true,
      listedAt,
      models: listed.map((model) => ({ id: model.id, ...(model.kind ? { kind: model.kind } : {}) })),
    };
  }
}

function kindsOf(preset: ProviderPreset): ModelKind[] {
  return [
    ...(preset.chat ? (['chat'] as const) : []),
    ...(preset.embeddings ? (['embedding'] as const) : []),
    ...(preset.rerank ? (['rerank'] as const) : []),
  ];
}

/**
 * The server's directory over the credentials its runs use (`services`' CredentialsService, else
 * the vault alone), starting the look for a local Ollama in the background.
 */
export function startProviderDirectory(
  services: { find<T>(key: ServiceKey<T>): T | undefined },
  vault: CredentialResolver & { list(): ReturnType<ProviderDirectoryOptions['storedCredentials']> },
  env: Env,
): ProviderDirectory {
  const timeout = Number(env.TAILOR_MODEL_LIST_TIMEOUT_MS);
  const directory = new ProviderDirectory({
    credentials: services.find(CredentialsService) ?? vault,
    storedCredentials: () => vault.list(),
    env,
    ...(Number.isInteger(timeout) && timeout > 0 ? { listTimeoutMs: timeout } : {}),
  });
  directory.detectOllama();
  return directory;
}

function suggested(preset: ProviderPreset): ProviderModels['models'] {
  return [
    ...preset.models.map((id) => ({ id, kind: 'chat' as const })),
    ...(preset.embeddingModels ?? []).map((id) => ({ id, kind: 'embedding' as const })),
    ...(preset.rerankModels ?? []).map((id) => ({ id, kind: 'rerank' as const })),
  ];
}
