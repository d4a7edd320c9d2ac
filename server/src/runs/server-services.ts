import { type CredentialResolver, CredentialsService, credentialsFromEnv, staticCredentials } from '@tailor/nodes';
import type { ServiceRegistry } from '@tailor/runtime';
import { provideCredentials } from '../compose/contributors.js';
import {
  type ComposedServices,
  composeServices,
  type ServiceContributor,
  serviceContributors,
} from '../compose/services.js';
import type { CredentialVault } from '../security/credential-vault.js';

/** Credentials stored through the editor first, then the provider variables of the environment. */
export function vaultCredentials(
  vault: CredentialVault,
  env: Readonly<Record<string, string | undefined>>,
): CredentialResolver {
  const fromEnv = staticCredentials(credentialsFromEnv(env));
  return {
    get: async (id) => (await vault.get(id)) ?? (await fromEnv.get(id)),
    secrets: async () => [...(await vault.secrets()), ...(await fromEnv.secrets())],
  };
}

/**
 * The services of the server and its workers: the CLI's contributor list, with the credentials
 * contributor replaced by the encrypted store so model providers use what the editor saved.
 */
export function composeServerServices(
  vault: CredentialVault,
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<ComposedServices> {
  const provideStored: ServiceContributor = (registry: ServiceRegistry) => {
    registry.provide(CredentialsService, vaultCredentials(vault, env));
    return undefined;
  };
  const contributors = serviceContributors.map((contribute) =>
    contribute === provideCredentials ? provideStored : contribute,
  );
  return composeServices({ env, dataDir }, contributors);
}
