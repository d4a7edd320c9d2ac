/** A login: a browser session (cookie) or a long-lived admin token for scripts, stored hashed. */
export interface AdminToken {
  hash: string;
  kind: 'session' | 'token';
  createdAt: number;
  expiresAt: number;
}

/** Installation settings (the admin password hash, the price table) and admin logins. */
export interface SettingsStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Removes a setting; false when there was none. */
  delete(key: string): Promise<boolean>;
  /** Sets only when absent; false when another writer got there first (first-start setup). */
  setIfAbsent(key: string, value: string): Promise<boolean>;
  addToken(token: AdminToken): Promise<void>;
  /** The token when it exists and has not expired at `now`. */
  findToken(hash: string, now: number): Promise<AdminToken | undefined>;
  deleteToken(hash: string): Promise<void>;
}
