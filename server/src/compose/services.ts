import { readFileSync } from 'node:fs';
import {
  ConversationStoreService,
  CredentialsService,
  createMemoryConversationStore,
  createModelProviders,
  DEFAULT_PRICES,
  ModelProvidersService,
  mergePriceTables,
  PriceTableService,
  parsePriceTable,
  staticCredentials,
} from '@tailor/nodes';
import { ServiceRegistry } from '@tailor/runtime';
import { credentialsFromEnv, type Environment, mergeCredentials, parseCredentialList } from './credentials.js';

export interface ComposeOptions {
  env: Environment;
  /** Text of a `--credentials <file>`, with its name for messages. */
  credentialsFile?: { name: string; text: string };
}

/** What a contributor gives back to be released when the host stops (pools, sockets). */
export type Release = () => void | Promise<void>;

/**
 * One service (or a few related ones) added to the registry. Each lives in its own function and
 * the host's services are this list: add a provider, knowledge store or safe fetch with one line.
 */
export type ServiceContributor = (
  registry: ServiceRegistry,
  options: ComposeOptions,
) => undefined | Release | Promise<undefined | Release>;

const provideCredentials: ServiceContributor = (registry, options) => {
  const fromFile = options.credentialsFile
    ? parseCredentialList(options.credentialsFile.text, `The credentials file "${options.credentialsFile.name}"`)
    : [];
  registry.provide(CredentialsService, staticCredentials(mergeCredentials(credentialsFromEnv(options.env), fromFile)));
  return undefined;
};

/**
 * Extension points, in the order they are composed:
 * - the code sandbox (isolated-vm), once `createCodeSandbox` is exported by @tailor/runtime;
 * - model providers (ModelProvidersService from @tailor/nodes), reading the credentials above;
 * - knowledge bases, web search and the safe fetch used by HTTP tools.
 */
/** Model providers (chat, embeddings, rerank) reading the credentials above; chat history in memory unless a store gives one. */
const provideModels: ServiceContributor = (registry) => {
  registry.provide(ModelProvidersService, createModelProviders(registry.get(CredentialsService)));
  if (!registry.has(ConversationStoreService))
    registry.provide(ConversationStoreService, createMemoryConversationStore());
  return undefined;
};

/** TAILOR_PRICES names a JSON price table laid over the shipped one (docs/providers.md). */
const providePrices: ServiceContributor = (registry, options) => {
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

export const serviceContributors: ServiceContributor[] = [provideCredentials, provideModels, providePrices];

export interface ComposedServices {
  readonly services: ServiceRegistry;
  /** Releases what the contributors hold; call once the last run ended. */
  close(): Promise<void>;
}

/** Builds the services a host offers its nodes. Throws with a readable message on bad settings. */
export async function composeServices(
  options: ComposeOptions,
  contributors: readonly ServiceContributor[] = serviceContributors,
): Promise<ComposedServices> {
  const services = new ServiceRegistry();
  const releases: Release[] = [];
  for (const contribute of contributors) {
    const release = await contribute(services, options);
    if (release) releases.push(release);
  }
  return {
    services,
    async close() {
      for (const release of releases.reverse()) await release();
    },
  };
}
