import { readFile } from 'node:fs/promises';
import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { type Credential, CredentialSchema } from '../services/credentials.js';
import { ollamaRoot, PRESETS } from './presets.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Credentials from the conventional environment variables, one per preset whose variables are set
 * (`OPENAI_API_KEY` + `OPENAI_BASE_URL`, `ANTHROPIC_API_KEY`, `DEEPSEEK_API_KEY`, …). Each is named
 * after its preset, which is the credential a node uses when it names none. Pure: reads only `env`.
 */
export function credentialsFromEnv(env: Env): Credential[] {
  const credentials: Credential[] = [];
  for (const preset of Object.values(PRESETS)) {
    const apiKey = firstSet(env, preset.keyEnv);
    const rawBaseUrl = firstSet(env, preset.baseUrlEnv);
    if (!apiKey && !rawBaseUrl) continue;
    const baseUrl = rawBaseUrl && preset.id === 'ollama' ? ollamaRoot(rawBaseUrl) : rawBaseUrl;
    const apiVersion =
      preset.id === 'azure-openai' ? firstSet(env, ['AZURE_OPENAI_API_VERSION', 'OPENAI_API_VERSION']) : undefined;
    const parsed = CredentialSchema.safeParse({
      id: preset.id,
      kind: 'api-key',
      provider: preset.id,
      ...(apiKey ? { apiKey } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(apiVersion ? { extra: { apiVersion } } : {}),
    });
    if (!parsed.success) {
      const variable = preset.baseUrlEnv.find((name) => env[name]) ?? preset.baseUrlEnv[0];
      throw new TailorError('CONFIG_INVALID', `${variable} is not a valid URL (it should look like https://host/v1).`);
    }
    credentials.push(parsed.data);
  }
  return credentials;
}

function firstSet(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** A credentials file: a list, `{ "credentials": [...] }`, or a map of id → credential. */
const CredentialsFileSchema = z.union([
  z.array(CredentialSchema),
  z.object({ credentials: z.array(CredentialSchema) }).transform((file) => file.credentials),
  z
    .record(z.string(), CredentialSchema.omit({ id: true }).extend({ id: z.string().min(1).optional() }))
    .transform((map) => Object.entries(map).map(([id, credential]) => ({ ...credential, id: credential.id ?? id }))),
]);

/**
 * Reads the text of a `--credentials <file>` JSON file. Pure; problems name the entry and field,
 * never a secret value.
 */
export function parseCredentialsFile(text: string, source = 'the credentials file'): Credential[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (thrown) {
    throw new TailorError('CONFIG_INVALID', `${source} is not valid JSON (${(thrown as Error).message}).`);
  }
  const parsed = CredentialsFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new TailorError('CONFIG_INVALID', `${source} has problems: ${problems.slice(0, 5).join('; ')}.`);
  }
  return parsed.data;
}

/** Reads and parses a credentials file from disk. */
export async function readCredentialsFile(path: string): Promise<Credential[]> {
  const text = await readFile(path, 'utf8').catch((thrown: NodeJS.ErrnoException) => {
    throw new TailorError(
      'CONFIG_INVALID',
      `Cannot read the credentials file ${path} (${thrown.code ?? thrown.message}).`,
    );
  });
  return parseCredentialsFile(text, path);
}

/** Later lists win over earlier ones, credential by credential (a file overrides the environment). */
export function mergeCredentials(...lists: ReadonlyArray<readonly Credential[]>): Credential[] {
  const byId = new Map<string, Credential>();
  for (const list of lists) for (const credential of list) byId.set(credential.id, credential);
  return [...byId.values()];
}
