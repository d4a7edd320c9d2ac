import type { CredentialStore, CredentialSummary, SealedCredential } from '../credential-store.js';
import { compact, type SqliteDatabase } from './database.js';

interface CredentialRow {
  id: string;
  kind: string;
  provider: string | null;
  base_url: string | null;
  masked: string;
  sealed: string;
  created_at: number;
  updated_at: number;
}

function toSummary(row: CredentialRow): CredentialSummary {
  return compact({
    id: row.id,
    kind: row.kind,
    provider: row.provider,
    baseUrl: row.base_url,
    masked: JSON.parse(row.masked) as Record<string, string>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }) as CredentialSummary;
}

export function createSqliteCredentialStore(db: SqliteDatabase): CredentialStore {
  const getRow = db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO credentials (id, kind, provider, base_url, masked, sealed, created_at, updated_at)
     VALUES (@id, @kind, @provider, @baseUrl, @masked, @sealed, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, provider = excluded.provider, base_url = excluded.base_url,
       masked = excluded.masked, sealed = excluded.sealed, updated_at = excluded.updated_at`,
  );
  return {
    async list() {
      return db.prepare<[], CredentialRow>('SELECT * FROM credentials ORDER BY id').all().map(toSummary);
    },
    async get(id) {
      const row = getRow.get(id);
      return row ? { ...toSummary(row), sealed: row.sealed } : undefined;
    },
    async put(credential: SealedCredential) {
      upsert.run({
        id: credential.id,
        kind: credential.kind,
        provider: credential.provider ?? null,
        baseUrl: credential.baseUrl ?? null,
        masked: JSON.stringify(credential.masked),
        sealed: credential.sealed,
        createdAt: credential.createdAt,
        updatedAt: credential.updatedAt,
      });
      const row = getRow.get(credential.id);
      if (!row) throw new Error('credential vanished after write');
      return { ...toSummary(row), sealed: row.sealed };
    },
    async delete(id) {
      return db.prepare('DELETE FROM credentials WHERE id = ?').run(id).changes > 0;
    },
  };
}
