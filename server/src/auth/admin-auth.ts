import type { Request } from 'express';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import { HttpError } from '../http/http-error.js';
import { hashPassword, verifyPassword } from '../security/password.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { SettingsStore } from '../storage/settings-store.js';

const PASSWORD_KEY = 'adminPasswordHash';
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
const ADMIN_TOKEN_TTL_MS = 365 * 24 * 3600 * 1000;

/** The one admin of an installation: password, browser sessions and admin tokens for scripts. */
export class AdminAuth {
  readonly #settings: SettingsStore;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
  }

  /** Sets the password from the environment on first start (never overwrites one set before). */
  async seedPassword(password: string | undefined): Promise<void> {
    if (password) await this.#settings.setIfAbsent(PASSWORD_KEY, await hashPassword(password));
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.#settings.get(PASSWORD_KEY)) === undefined;
  }

  async setup(password: string): Promise<string> {
    const stored = await this.#settings.setIfAbsent(PASSWORD_KEY, await hashPassword(password));
    if (!stored) throw new HttpError(409, 'CONFLICT', 'The admin password is already set; sign in instead.');
    return this.#newToken('session', SESSION_TTL_SECONDS * 1000);
  }

  async login(password: string): Promise<string> {
    const hash = await this.#settings.get(PASSWORD_KEY);
    if (!hash) throw new HttpError(409, 'CONFLICT', 'No admin password is set yet; set one first.');
    if (!(await verifyPassword(password, hash))) throw new HttpError(401, 'AUTH_REQUIRED', 'The password is wrong.');
    return this.#newToken('session', SESSION_TTL_SECONDS * 1000);
  }

  async changePassword(password: string): Promise<void> {
    await this.#settings.set(PASSWORD_KEY, await hashPassword(password));
  }

  /** A long-lived token for the CLI and scripts (`Authorization: Bearer ta_…`); shown once. */
  createAdminToken(): Promise<string> {
    return this.#newToken('token', ADMIN_TOKEN_TTL_MS);
  }

  async logout(req: Pick<Request, 'headers'>): Promise<void> {
    const presented = presentedToken(req);
    if (presented) await this.#settings.deleteToken(hashToken(presented.token));
  }

  /** How the request (or a socket handshake's headers) is signed in, if at all. */
  async identify(req: Pick<Request, 'headers'>, now = Date.now()): Promise<'cookie' | 'bearer' | undefined> {
    const presented = presentedToken(req);
    if (!presented) return undefined;
    const found = await this.#settings.findToken(hashToken(presented.token), now);
    return found ? presented.via : undefined;
  }

  async #newToken(kind: 'session' | 'token', ttlMs: number): Promise<string> {
    const token = newToken(kind === 'session' ? 'ts' : 'ta');
    const now = Date.now();
    await this.#settings.addToken({ hash: hashToken(token), kind, createdAt: now, expiresAt: now + ttlMs });
    return token;
  }
}

function presentedToken(req: Pick<Request, 'headers'>): { token: string; via: 'cookie' | 'bearer' } | undefined {
  const bearer = /^Bearer\s+(ta_\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}
