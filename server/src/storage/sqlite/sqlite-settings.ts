import type { AdminToken, SettingsStore } from '../settings-store.js';
import type { SqliteDatabase } from './database.js';

interface TokenRow {
  hash: string;
  kind: AdminToken['kind'];
  created_at: number;
  expires_at: number;
}

export function createSqliteSettingsStore(db: SqliteDatabase): SettingsStore {
  return {
    async get(key) {
      return db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value;
    },
    async set(key, value) {
      db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
    },
    async delete(key) {
      return db.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
    },
    async setIfAbsent(key, value) {
      return db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value).changes > 0;
    },
    async addToken(token) {
      db.prepare('INSERT INTO admin_tokens (hash, kind, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
        token.hash,
        token.kind,
        token.createdAt,
        token.expiresAt,
      );
    },
    async findToken(hash, now) {
      const row = db
        .prepare<[string, number], TokenRow>('SELECT * FROM admin_tokens WHERE hash = ? AND expires_at > ?')
        .get(hash, now);
      return row ? { hash: row.hash, kind: row.kind, createdAt: row.created_at, expiresAt: row.expires_at } : undefined;
    },
    async deleteToken(hash) {
      db.prepare('DELETE FROM admin_tokens WHERE hash = ?').run(hash);
    },
  };
}
