import { ServiceRegistry } from '@tailor/runtime';
import {
  provideCodeSandbox,
  provideConversationMemory,
  provideCredentials,
  provideKnowledge,
  provideModelProviders,
  provideModelSideGuard,
  providePrices,
  provideSafeFetch,
} from './contributors.js';

export interface ComposeOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Text of a `--credentials <file>`, with its name for messages. */
  credentialsFile?: { name: string; text: string };
  /** Folder of the embedded stores (knowledge bases); no knowledge service without it. */
  dataDir?: string;
}

/** What a contributor gives back to be released when the host stops (pools, sockets). */
export type Release = () => void | Promise<void>;

/**
 * One service (or a few related ones) added to the registry; later contributors may use earlier
 * ones (model providers read the credentials). The host's services are this list: add a search
 * provider or a server-side store with one function and one line.
 */
export type ServiceContributor = (
  registry: ServiceRegistry,
  options: ComposeOptions,
) => undefined | Release | Promise<undefined | Release>;

export const serviceContributors: readonly ServiceContributor[] = [
  provideCredentials,
  provideModelProviders,
  providePrices,
  provideModelSideGuard,
  provideSafeFetch,
  provideCodeSandbox,
  provideConversationMemory,
  provideKnowledge,
];

export interface ComposedServices {
  readonly services: ServiceRegistry;
  /** Releases what the contributors hold, last first; call once the last run ended. */
  close(): Promise<void>;
}

/** Builds the services a host offers its nodes. Throws with a readable message on bad settings. */
export async function composeServices(
  options: ComposeOptions,
  contributors: readonly ServiceContributor[] = serviceContributors,
): Promise<ComposedServices> {
  const services = new ServiceRegistry();
  const releases: Release[] = [];
  const close = async () => {
    for (const release of releases.reverse()) await release();
  };
  try {
    for (const contribute of contributors) {
      const release = await contribute(services, options);
      if (release) releases.push(release);
    }
  } catch (thrown) {
    await close();
    throw thrown;
  }
  return { services, close };
}
