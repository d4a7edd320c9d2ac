import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import { notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { DatasetBodySchema, DatasetSchema } from '../storage/dataset-store.js';

export function addDatasetRoutes(api: ApiTable, ctx: ServerContext): void {
  const { datasets } = ctx.storage;
  api.add({
    method: 'get',
    path: '/api/datasets',
    tag: 'evaluation',
    access: 'admin',
    summary: 'List evaluation datasets',
    response: z.array(DatasetSchema.omit({ items: true }).extend({ itemCount: z.number() })),
    handler: () => datasets.list(),
  });
  api.add({
    method: 'post',
    path: '/api/datasets',
    tag: 'evaluation',
    access: 'admin',
    status: 201,
    summary: 'Create an evaluation dataset',
    body: DatasetBodySchema,
    response: DatasetSchema,
    handler: ({ body }) => {
      const now = Date.now();
      return datasets.put({ ...body, id: randomUUID(), createdAt: now, updatedAt: now });
    },
  });
  api.add({
    method: 'get',
    path: '/api/datasets/:id',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Get a dataset with its items',
    response: DatasetSchema,
    handler: async ({ params }) => {
      const dataset = await datasets.get(params.id ?? '');
      if (!dataset) throw notFoundError(`Dataset "${params.id}"`);
      return dataset;
    },
  });
  api.add({
    method: 'put',
    path: '/api/datasets/:id',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Replace a dataset',
    body: DatasetBodySchema,
    response: DatasetSchema,
    handler: async ({ params, body }) => {
      const existing = await datasets.get(params.id ?? '');
      if (!existing) throw notFoundError(`Dataset "${params.id}"`);
      return datasets.put({ ...body, id: existing.id, createdAt: existing.createdAt, updatedAt: Date.now() });
    },
  });
  api.add({
    method: 'delete',
    path: '/api/datasets/:id',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Delete a dataset',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      if (!(await datasets.delete(params.id ?? ''))) throw notFoundError(`Dataset "${params.id}"`);
      return { deleted: true };
    },
  });
}
