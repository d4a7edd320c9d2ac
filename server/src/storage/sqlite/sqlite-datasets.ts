import type { Dataset, DatasetStore } from '../dataset-store.js';
import { compact, type SqliteDatabase } from './database.js';

interface DatasetRow {
  id: string;
  name: string;
  flow_id: string | null;
  items: string;
  item_count: number;
  created_at: number;
  updated_at: number;
}

export function createSqliteDatasetStore(db: SqliteDatabase): DatasetStore {
  const getRow = db.prepare<[string], DatasetRow>('SELECT * FROM datasets WHERE id = ?');
  const toDataset = (row: DatasetRow): Dataset =>
    compact({
      id: row.id,
      name: row.name,
      flowId: row.flow_id,
      items: JSON.parse(row.items) as Dataset['items'],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }) as Dataset;
  return {
    async list() {
      return db
        .prepare<[], Omit<DatasetRow, 'items'>>(
          'SELECT id, name, flow_id, item_count, created_at, updated_at FROM datasets ORDER BY name',
        )
        .all()
        .map(
          (row) =>
            compact({
              id: row.id,
              name: row.name,
              flowId: row.flow_id,
              itemCount: row.item_count,
              createdAt: row.created_at,
              updatedAt: row.updated_at,
            }) as Awaited<ReturnType<DatasetStore['list']>>[number],
        );
    },
    async get(id) {
      const row = getRow.get(id);
      return row ? toDataset(row) : undefined;
    },
    async put(dataset) {
      db.prepare(
        `INSERT INTO datasets (id, name, flow_id, items, item_count, created_at, updated_at)
         VALUES (@id, @name, @flowId, @items, @count, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, flow_id = excluded.flow_id, items = excluded.items,
           item_count = excluded.item_count, updated_at = excluded.updated_at`,
      ).run({
        id: dataset.id,
        name: dataset.name,
        flowId: dataset.flowId ?? null,
        items: JSON.stringify(dataset.items),
        count: dataset.items.length,
        createdAt: dataset.createdAt,
        updatedAt: dataset.updatedAt,
      });
      const row = getRow.get(dataset.id);
      if (!row) throw new Error('dataset vanished after write');
      return toDataset(row);
    },
    async delete(id) {
      return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
    },
  };
}
