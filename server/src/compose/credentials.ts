import { type Credential, CredentialSchema } from '@tailor/nodes';
import { z } from 'zod';

/**
 * Credentials the `tailor` command can use without a server store: well-known provider variables
 * (the id is the provider's name, so a node that names provider "openai" finds credential
 * "openai"), `TAILOR_CREDENTIALS` holding a JSON list, and a `--credentials <file>`.
 */
const PROVIDER_VARIABLES: ReadonlyArray<{ id: string; key?: string; baseUrl?: string }> = [
  { id: 'openai', key: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' },
  { id: 'azure-openai', key: 'AZURE_OPENAI_API_KEY', baseUrl: 'AZURE_OPENAI_ENDPOINT' },
  { id: 'anthropic', key: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL' },
  { id: 'deepseek', key: 'DEEPSEEK_API_KEY' },
  { id: 'qwen', key: 'DASHSCOPE_API_KEY' },
  { id: 'moonshot', key: 'MOONSHOT_API_KEY' },
  { id: 'zhipu', key: 'ZHIPU_API_KEY' },
  { id: 'hunyuan', key: 'HUNYUAN_API_KEY' },
  { id: 'ollama', baseUrl: 'OLLAMA_BASE_URL' },
  { id: 'tavily', key: 'TAVILY_API_KEY' },
  { id: 'serpapi', key: 'SERPAPI_API_KEY' },
  { id: 'bing', key: 'BING_SEARCH_KEY' },
  { id: 'searxng', baseUrl: 'SEARXNG_URL' },
];

const CredentialListSchema = z.union([
  z.array(CredentialSchema),
  z.object({ credentials: z.array(CredentialSchema) }).transform((file) => file.credentials),
]);

export type Environment = Readonly<Record<string, string | undefined>>;

/** Why a credentials list is unusable, naming fields but never their values. */
function explain(error: z.ZodError, source: string): Error {
  const first = error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return new Error(
    `${source} must be a JSON list of credentials like [{"id": "openai", "apiKey": "…"}]; the entry${where} is not valid (${first?.message ?? 'unknown problem'}).`,
  );
}

export function parseCredentialList(text: string, source: string): Credential[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not valid JSON.`);
  }
  const parsed = CredentialListSchema.safeParse(value);
  if (!parsed.success) throw explain(parsed.error, source);
  return parsed.data;
}

export function credentialsFromEnv(env: Environment): Credential[] {
  const found: Credential[] = [];
  for (const variable of PROVIDER_VARIABLES) {
    const apiKey = variable.key ? env[variable.key] : undefined;
    const baseUrl = variable.baseUrl ? env[variable.baseUrl] : undefined;
    if (!apiKey && !baseUrl) continue;
    found.push(
      CredentialSchema.parse({
        id: variable.id,
        provider: variable.id,
        ...(apiKey ? { apiKey } : {}),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    );
  }
  const listed = env.TAILOR_CREDENTIALS;
  return listed ? mergeCredentials(found, parseCredentialList(listed, 'TAILOR_CREDENTIALS')) : found;
}

/** Later lists win for the same id (a file overrides the environment). */
export function mergeCredentials(...lists: Credential[][]): Credential[] {
  const byId = new Map<string, Credential>();
  for (const list of lists) for (const credential of list) byId.set(credential.id, credential);
  return [...byId.values()];
}
