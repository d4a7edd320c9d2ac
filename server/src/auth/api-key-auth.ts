import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http/http-error.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { hashToken } from '../security/tokens.js';
import type { KeyStore, StoredApiKey } from '../storage/key-store.js';

const CACHE_MS = 5_000;

/**
 * API keys of the published API: looked up by hash (cached a few seconds, so a deleted key stops
 * working within that time on other instances and at once on this one), limited per key and per
 * client address, bound to a flow and to the browser origins listed on the key. The cache is keyed
 * by the presented token itself, so a verified key costs a map lookup per request, not a SHA-256.
 */
export class ApiKeyAuth {
  readonly #keys: KeyStore;
  readonly #perKey: RateLimiter;
  readonly #perIp: RateLimiter;
  readonly #cache = new Map<string, { key: StoredApiKey | undefined; at: number }>();

  constructor(keys: KeyStore, limits: { perKeyPerMinute: number; perIpPerMinute: number }) {
    this.#keys = keys;
    this.#perKey = new RateLimiter(limits.perKeyPerMinute);
    this.#perIp = new RateLimiter(limits.perIpPerMinute);
  }

  forget(): void {
    this.#cache.clear();
  }

  guard(): RequestHandler {
    return async (req, res, next) => {
      try {
        await this.authenticate(req, res);
        next();
      } catch (error) {
        next(error);
      }
    };
  }

  /**
   * The guard's checks for a handler that is not behind it (the published run's fast path): rate
   * limits, the key, its origins. Throws the HttpError to answer; sets `res.locals.apiKey`.
   */
  async authenticate(req: Request, res: Response): Promise<StoredApiKey> {
    const now = Date.now();
    limit(this.#perIp.take(`ip:${req.ip ?? 'unknown'}`, now), res);
    const token = /^Bearer\s+(tk_\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new HttpError(401, 'AUTH_REQUIRED', 'Send an API key: Authorization: Bearer tk_…');
    const cached = this.#cache.get(token);
    const key = cached && now - cached.at < CACHE_MS ? cached.key : await this.#find(token, now);
    if (!key) throw new HttpError(401, 'AUTH_REQUIRED', 'This API key is not valid (deleted or mistyped).');
    limit(this.#perKey.take(`key:${key.id}`, now), res);
    checkOrigin(req, res, key);
    res.locals.apiKey = key;
    return key;
  }

  async #find(token: string, now: number): Promise<StoredApiKey | undefined> {
    const key = await this.#keys.findByHash(hashToken(token));
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(token, { key, at: now });
    if (key && (key.lastUsedAt === undefined || now - key.lastUsedAt > 60_000)) {
      key.lastUsedAt = now;
      void this.#keys.touch(key.id, now).catch(() => undefined);
    }
    return key;
  }
}

function limit(verdict: ReturnType<RateLimiter['take']>, res: Response): void {
  if (verdict.ok) return;
  res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
  throw new HttpError(429, 'RATE_LIMITED');
}

/** A browser call (it sends Origin) must come from an origin listed on the key. */
function checkOrigin(req: Request, res: Response, key: StoredApiKey): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!key.origins.includes(origin) && !key.origins.includes('*')) {
    throw new HttpError(403, 'FORBIDDEN', `This API key may not be used from ${origin}; add the origin to the key.`);
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
}

/** The key that authenticated this request (set by the guard). */
export function apiKeyOf(res: Response): StoredApiKey {
  const key = res.locals.apiKey as StoredApiKey | undefined;
  if (!key) throw new HttpError(401, 'AUTH_REQUIRED');
  return key;
}

/** A key is bound to one flow, or to every flow when created without one. */
export function assertKeyMayRun(key: StoredApiKey, flowId: string): void {
  if (key.flowId !== null && key.flowId !== flowId) {
    throw new HttpError(403, 'FORBIDDEN', `This API key belongs to flow "${key.flowId}", not "${flowId}".`);
  }
}
