import { hashToken } from '../../security/tokens.js';
import type { KeyStore, StoredApiKey } from '../../storage/key-store.js';

const CACHE_MS = 5_000;

/** The API key a request presents (`Authorization: Bearer tk_…`), if any. */
export function presentedKey(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(tk_\S+)$/.exec(authorization ?? '')?.[1];
}

/**
 * The origin rule of the published API's key guard, to the letter: a browser origin is allowed
 * when the key lists it, or lists `*`. Kept identical so that the preflight answer and the
 * guard's verdict on the call never disagree.
 */
export function originAllowed(origins: readonly string[], origin: string): boolean {
  return origins.includes(origin) || origins.includes('*');
}

/** A key bound to one flow may run only that flow; a key without a flow may run any. */
export function keyMayRun(key: Pick<StoredApiKey, 'flowId'>, flowId: string): boolean {
  return key.flowId === null || key.flowId === flowId;
}

/**
 * Widget keys as the governance layer reads them: by hash, cached a few seconds (the key guard
 * keeps the authoritative, immediately-forgotten cache; this one only decides CORS and limits
 * before it), and the origins a browser may call a flow from, for preflights, which carry no key.
 */
export class WidgetKeys {
  readonly #keys: KeyStore;
  readonly #cache = new Map<string, { key: StoredApiKey | undefined; at: number }>();

  constructor(keys: KeyStore) {
    this.#keys = keys;
  }

  async find(token: string, now = Date.now()): Promise<StoredApiKey | undefined> {
    const hash = hashToken(token);
    const cached = this.#cache.get(hash);
    if (cached && now - cached.at < CACHE_MS) return cached.key;
    const key = await this.#keys.findByHash(hash);
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(hash, { key, at: now });
    return key;
  }

  /** Whether any key that may run `flowId` (any key at all when no flow is named) allows `origin`. */
  async originAllowedFor(origin: string, flowId: string | undefined): Promise<boolean> {
    const keys = await this.#keys.list();
    return keys.some((key) => (flowId === undefined || keyMayRun(key, flowId)) && originAllowed(key.origins, origin));
  }
}
