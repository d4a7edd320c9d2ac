import { FlowDocumentSchema } from '@tailor/runtime';
import type {
  FlowDocumentValue,
  FlowStore,
  FlowSummary,
  FlowVersion,
  FlowVersionSummary,
  StoredFlow,
} from '../flow-store.js';
import { conflict, notFound } from '../store-errors.js';
import type { SqliteDatabase } from './database.js';

interface FlowRow {
  id: string;
  name: string;
  description: string | null;
  document: string;
  revision: number;
  created_at: number;
  updated_at: number;
  published_version: number | null;
}

interface VersionRow {
  flow_id: string;
  version: number;
  note: string;
  document: string;
  created_at: number;
}

function toSummary(row: FlowRow): FlowSummary {
  return {
    id: row.id,
    name: row.name,
    ...(row.description === null ? {} : { description: row.description }),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // null, not absent: "never published" is a value clients show.
    publishedVersion: row.published_version,
  };
}

function toFlow(row: FlowRow): StoredFlow {
  return {
    ...toSummary(row),
    document: FlowDocumentSchema.parse(JSON.parse(row.document)),
  };
}

function toVersion(row: VersionRow): FlowVersion {
  return {
    flowId: row.flow_id,
    version: row.version,
    note: row.note,
    createdAt: row.created_at,
    document: FlowDocumentSchema.parse(JSON.parse(row.document)),
  };
}

export function createSqliteFlowStore(db: SqliteDatabase): FlowStore {
  const getRow = db.prepare<[string], FlowRow>('SELECT * FROM flows WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO flows (id, name, description, document, revision, created_at, updated_at, published_version)
     VALUES (@id, @name, @description, @document, 1, @now, @now, NULL)`,
  );
  const updateDraft = db.prepare(
    `UPDATE flows SET name = @name, description = @description, document = @document,
       revision = revision + 1, updated_at = @now WHERE id = @id`,
  );
  const getVersion = db.prepare<[string, number], VersionRow>(
    'SELECT * FROM flow_versions WHERE flow_id = ? AND version = ?',
  );
  const maxVersion = db.prepare<[string], { v: number | null }>(
    'SELECT MAX(version) AS v FROM flow_versions WHERE flow_id = ?',
  );
  const insertVersion = db.prepare(
    'INSERT INTO flow_versions (flow_id, version, note, document, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const setPublished = db.prepare('UPDATE flows SET published_version = ? WHERE id = ?');

  const draftParams = (document: FlowDocumentValue, now: number) => ({
    id: document.id,
    name: document.name,
    description: document.description ?? null,
    document: JSON.stringify(document),
    now,
  });

  const update = db.transaction((document: FlowDocumentValue, expected: number | undefined, now: number) => {
    const row = getRow.get(document.id);
    if (!row) throw notFound(`Flow "${document.id}"`);
    if (expected !== undefined && row.revision !== expected) {
      throw conflict(`Flow "${document.id}" was changed by someone else (revision ${row.revision}, not ${expected}).`);
    }
    updateDraft.run(draftParams(document, now));
  });

  const publish = db.transaction((id: string, note: string, now: number): number => {
    const row = getRow.get(id);
    if (!row) throw notFound(`Flow "${id}"`);
    const version = (maxVersion.get(id)?.v ?? 0) + 1;
    insertVersion.run(id, version, note, row.document, now);
    setPublished.run(version, id);
    return version;
  });

  const rollback = db.transaction((id: string, version: number, now: number) => {
    const row = getRow.get(id);
    if (!row) throw notFound(`Flow "${id}"`);
    const frozen = getVersion.get(id, version);
    if (!frozen) throw notFound(`Version ${version} of flow "${id}"`);
    updateDraft.run(draftParams(toVersion(frozen).document, now));
    setPublished.run(version, id);
  });

  const mustGet = (id: string): StoredFlow => {
    const row = getRow.get(id);
    if (!row) throw notFound(`Flow "${id}"`);
    return toFlow(row);
  };

  return {
    async list() {
      return db.prepare<[], FlowRow>('SELECT * FROM flows ORDER BY updated_at DESC, id').all().map(toSummary);
    },
    async get(id) {
      const row = getRow.get(id);
      return row ? toFlow(row) : undefined;
    },
    async create(document, now) {
      try {
        insert.run(draftParams(document, now));
      } catch (error) {
        if (String(error).includes('UNIQUE')) throw conflict(`A flow with id "${document.id}" already exists.`);
        throw error;
      }
      return mustGet(document.id);
    },
    async update(document, expectedRevision, now) {
      update.immediate(document, expectedRevision, now);
      return mustGet(document.id);
    },
    async delete(id) {
      return db.prepare('DELETE FROM flows WHERE id = ?').run(id).changes > 0;
    },
    async publish(id, note, now) {
      const version = publish.immediate(id, note, now);
      const row = getVersion.get(id, version);
      if (!row) throw notFound(`Version ${version} of flow "${id}"`);
      return toVersion(row);
    },
    async versions(id) {
      return db
        .prepare<[string], Omit<VersionRow, 'document'>>(
          'SELECT flow_id, version, note, created_at FROM flow_versions WHERE flow_id = ? ORDER BY version DESC',
        )
        .all(id)
        .map(
          (row): FlowVersionSummary => ({
            flowId: row.flow_id,
            version: row.version,
            note: row.note,
            createdAt: row.created_at,
          }),
        );
    },
    async version(id, version) {
      const row = getVersion.get(id, version);
      return row ? toVersion(row) : undefined;
    },
    async rollback(id, version, now) {
      rollback.immediate(id, version, now);
      return mustGet(id);
    },
  };
}
