import { type Credential, type CredentialResolver, CredentialSchema } from '@tailor/nodes';
import type { CredentialStore, CredentialSummary } from '../storage/credential-store.js';
import type { SecretBox } from './secret-box.js';

/** Shows the start and the last four characters of a secret: `sk-…abcd`. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '…';
  const head = secret.match(/^[A-Za-z]{1,4}[-_]/)?.[0] ?? '';
  return `${head}…${secret.slice(-4)}`;
}

function maskedFields(credential: Credential): Record<string, string> {
  const masked: Record<string, string> = {};
  if (credential.apiKey) masked.apiKey = maskSecret(credential.apiKey);
  if (credential.password) masked.password = maskSecret(credential.password);
  if (credential.username) masked.username = credential.username;
  for (const [name, value] of Object.entries(credential.headers ?? {})) masked[`headers.${name}`] = maskSecret(value);
  return masked;
}

/**
 * Credentials sealed at rest: the store only ever sees ciphertext plus a masked summary. Nodes
 * read them through `CredentialResolver`; the API only ever shows the summary.
 */
export class CredentialVault implements CredentialResolver {
  readonly #store: CredentialStore;
  readonly #box: SecretBox;
  /**
   * Every secret, decrypted once and kept until a credential changes here or, for changes made by
   * another process (a worker), for at most ten seconds: nodes ask on every run.
   */
  #secrets: Promise<string[]> | undefined;
  #secretsAt = 0;

  constructor(store: CredentialStore, box: SecretBox) {
    this.#store = store;
    this.#box = box;
  }

  list(): Promise<CredentialSummary[]> {
    return this.#store.list();
  }

  async put(credential: Credential, now: number): Promise<CredentialSummary> {
    this.#secrets = undefined;
    const existing = await this.#store.get(credential.id);
    const { sealed: _sealed, ...summary } = await this.#store.put({
      id: credential.id,
      kind: credential.kind,
      ...(credential.provider ? { provider: credential.provider } : {}),
      ...(credential.baseUrl ? { baseUrl: credential.baseUrl } : {}),
      masked: maskedFields(credential),
      sealed: this.#box.seal(JSON.stringify(credential)),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    return summary;
  }

  delete(id: string): Promise<boolean> {
    this.#secrets = undefined;
    return this.#store.delete(id);
  }

  async get(id: string): Promise<Credential | undefined> {
    const stored = await this.#store.get(id);
    return stored ? CredentialSchema.parse(JSON.parse(this.#box.open(stored.sealed))) : undefined;
  }

  secrets(): Promise<string[]> {
    if (!this.#secrets || Date.now() - this.#secretsAt > 10_000) {
      this.#secrets = this.#allSecrets();
      this.#secretsAt = Date.now();
    }
    return this.#secrets;
  }

  async #allSecrets(): Promise<string[]> {
    const summaries = await this.#store.list();
    const all = await Promise.all(summaries.map((summary) => this.get(summary.id)));
    return all.flatMap((c) =>
      c ? [c.apiKey, c.password, ...Object.values(c.headers ?? {})].filter((s): s is string => !!s) : [],
    );
  }
}
