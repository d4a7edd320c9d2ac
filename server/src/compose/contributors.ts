import { readFileSync } from 'node:fs';
import {
  ConversationStoreService,
  CredentialsService,
  createMemoryConversationStore,
  createModelProviders,
  createSafeFetch,
  credentialsFromEnv,
  DEFAULT_PRICES,
  DiskKnowledgeStore,
  KnowledgeService,
  ModelProvidersService,
  ModelSideGuardService,
  mergeCredentials,
  mergePriceTables,
  modelSideGuard,
  PriceTableService,
  parseCredentialsFile,
  parsePriceTable,
  SafeFetchService,
  StoredKnowledgeBases,
  staticCredentials,
} from '@tailor/nodes';
import { type CodeSandboxHost, CodeSandboxService, createCodeSandbox } from '@tailor/runtime';
import type { ServiceContributor } from './services.js';

/** Stored credentials: provider variables (OPENAI_API_KEY …), then a `--credentials` file over them. */
export const provideCredentials: ServiceContributor = (registry, options) => {
  const file = options.credentialsFile;
  const fromFile = file ? parseCredentialsFile(file.text, `The credentials file "${file.name}"`) : [];
  registry.provide(CredentialsService, staticCredentials(mergeCredentials(credentialsFromEnv(options.env), fromFile)));
  return undefined;
};

/** LLM, embedding and rerank clients, chosen by provider name with the credentials above. */
export const provideModelProviders: ServiceContributor = (registry) => {
  registry.provide(ModelProvidersService, createModelProviders(registry.get(CredentialsService)));
  return undefined;
};

/** TAILOR_PRICES names a JSON price table laid over the shipped one (docs/providers.md). */
export const providePrices: ServiceContributor = (registry, options) => {
  const file = options.env.TAILOR_PRICES;
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`TAILOR_PRICES names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code}).`);
  }
  registry.provide(PriceTableService, mergePriceTables(DEFAULT_PRICES, parsePriceTable(text, file)));
  return undefined;
};

/** The guarded HTTP client for tools; TAILOR_ALLOW_HOSTS lists internal hosts it may still reach. */
export const provideSafeFetch: ServiceContributor = (registry, options) => {
  const allow = (options.env.TAILOR_ALLOW_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const safeFetch = createSafeFetch({ allow });
  registry.provide(SafeFetchService, safeFetch);
  return () => safeFetch.close();
};

/**
 * The isolated-vm sandbox, created on the first code node: a flow without one never pays for the
 * isolate pool. Disposed when the host closes.
 */
export const provideCodeSandbox: ServiceContributor = (registry, options) => {
  const limits = {
    maxMemoryMb: positiveInteger(options.env, 'TAILOR_CODE_MAX_MEMORY_MB'),
    maxTimeoutMs: positiveInteger(options.env, 'TAILOR_CODE_MAX_TIMEOUT_MS'),
  };
  let host: CodeSandboxHost | undefined;
  registry.provide(CodeSandboxService, {
    run(code, inputs, runOptions) {
      host ??= createCodeSandbox(Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)));
      return host.run(code, inputs, runOptions);
    },
  });
  return () => host?.dispose();
};

/** Server-wide ceilings for code nodes, from the environment; unset keeps the sandbox defaults. */
function positiveInteger(env: ComposeEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, not "${text}".`);
  return value;
}

type ComposeEnv = Readonly<Record<string, string | undefined>>;

/**
 * The model-side safety layer for every model call, when TAILOR_MODEL_GUARD is `en`, `zh` or
 * `both`; a model node can still add its own guard prompt without it.
 */
export const provideModelSideGuard: ServiceContributor = (registry, options) => {
  const language = options.env.TAILOR_MODEL_GUARD;
  if (!language) return undefined;
  if (language !== 'en' && language !== 'zh' && language !== 'both') {
    throw new Error(`TAILOR_MODEL_GUARD must be en, zh or both, not "${language}".`);
  }
  registry.provide(ModelSideGuardService, modelSideGuard(language));
  return undefined;
};

/** Conversation memory for `--session`, kept while the process lives. */
export const provideConversationMemory: ServiceContributor = (registry) => {
  registry.provide(ConversationStoreService, createMemoryConversationStore());
  return undefined;
};

/** Knowledge bases on disk (what `tailor kb add` wrote), when the host names a data folder. */
export const provideKnowledge: ServiceContributor = (registry, options) => {
  if (!options.dataDir) return undefined;
  const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(options.dataDir), registry.find(ModelProvidersService));
  registry.provide(KnowledgeService, bases);
  return () => bases.flush();
};
