import type { ApiKeySummary, KeyStore, StoredApiKey } from '../key-store.js';
import { compact, type SqliteDatabase } from './database.js';

interface KeyRow {
  id: string;
  prefix: string;
  hash: string;
  flow_id: string | null;
  origins: string;
  label: string | null;
  created_at: number;
  last_used_at: number | null;
}

function toSummary(row: KeyRow): ApiKeySummary {
  return compact({
    id: row.id,
    prefix: row.prefix,
    origins: JSON.parse(row.origins) as string[],
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    flowId: row.flow_id,
  }) as ApiKeySummary;
}

export function createSqliteKeyStore(db: SqliteDatabase): KeyStore {
  const byHash = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE hash = ?');
  return {
    async list(flowId) {
      const rows =
        flowId === undefined
          ? db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at DESC').all()
          : db
              .prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE flow_id = ? ORDER BY created_at DESC')
              .all(flowId);
      return rows.map((row) => ({ ...toSummary(row), flowId: row.flow_id }));
    },
    async create(key: StoredApiKey) {
      db.prepare(
        `INSERT INTO api_keys (id, prefix, hash, flow_id, origins, label, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(key.id, key.prefix, key.hash, key.flowId, JSON.stringify(key.origins), key.label ?? null, key.createdAt);
      const { hash: _hash, ...summary } = key;
      return summary;
    },
    async findByHash(hash) {
      const row = byHash.get(hash);
      return row ? { ...toSummary(row), flowId: row.flow_id, hash: row.hash } : undefined;
    },
    async touch(id, at) {
      db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
    },
    async delete(id) {
      return db.prepare('DELETE FROM api_keys WHERE id = ?').run(id).changes > 0;
    },
  };
}
