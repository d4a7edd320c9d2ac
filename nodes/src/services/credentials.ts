import { serviceKey } from '@tailor/runtime';
import { z } from 'zod';

/**
 * A stored secret a node refers to by id (never a key inside a flow). `kind` says how an HTTP
 * call presents it; providers read `baseUrl`/`apiKey`/`headers`.
 */
export const CredentialSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['api-key', 'bearer', 'basic', 'header', 'query']).default('api-key'),
  /** Provider or preset this credential is for, e.g. "openai", "deepseek", "anthropic". */
  provider: z.string().optional(),
  baseUrl: z.string().url().optional(),
  apiKey: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  /** Header or query parameter name for `header`/`query` kinds (e.g. "X-API-Key"). */
  name: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Anything provider-specific (Azure api-version, organisation id). */
  extra: z.record(z.string(), z.string()).optional(),
});
export type Credential = z.output<typeof CredentialSchema>;

export interface CredentialResolver {
  /** The credential, or undefined when no credential has this id. */
  get(id: string): Promise<Credential | undefined>;
  /** Every value that must never appear in logs, records or responses. */
  secrets(): Promise<string[]>;
}

export const CredentialsService = serviceKey<CredentialResolver>('credentials', 'the credential store');

/** A resolver over a fixed list, for the CLI (env vars, --credentials file) and tests. */
export function staticCredentials(list: readonly Credential[]): CredentialResolver {
  const byId = new Map(list.map((credential) => [credential.id, credential]));
  return {
    get: async (id) => byId.get(id),
    secrets: async () =>
      list.flatMap((c) => [c.apiKey, c.password, ...Object.values(c.headers ?? {})]).filter((s): s is string => !!s),
  };
}
