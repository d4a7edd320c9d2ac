import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseCsvDataset, parseJsonl } from '../evaluation/dataset.js';
import { itemsForStorage } from '../evaluation/stored-dataset.js';
import type { ApiTable } from '../http/api-table.js';
import { HttpError, notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { DatasetBodySchema, DatasetSchema } from '../storage/dataset-store.js';

const MAX_ITEMS = 10_000;
const MAX_RUNS_AT_ONCE = 500;
/** Datasets are text; 10 MB holds about 10,000 items of a kilobyte each. */
export const DATASET_UPLOAD_LIMIT = '10mb';

const ImportQuerySchema = z.object({
  name: z.string().min(1).max(200),
  /** Default: csv for a `text/csv` body, else jsonl. */
  format: z.enum(['jsonl', 'csv']).optional(),
  flowId: z.string().min(1).optional(),
});

function textOf(body: unknown): string {
  if (Buffer.isBuffer(body) && body.length > 0) return body.toString('utf8');
  // One line sent as application/json was parsed by the JSON reader: it is that line again.
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length > 0)
    return JSON.stringify(body);
  throw new HttpError(400, 'REQUEST_INVALID', 'Send the dataset file as the request body.', [
    { path: [], message: 'body: empty' },
  ]);
}

/** `line 3: not JSON (…)` → a problem with the line in its path, as the editor marks lines. */
function problemAtLine(message: string) {
  const line = message.match(/^line (\d+):/)?.[1];
  return { path: line ? ['line', Number(line)] : [], message };
}

const runItemId = (runId: string) => `run-${runId}`;

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof HttpError && error.status === 404) return undefined;
  throw error;
}

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
    method: 'post',
    path: '/api/datasets/import',
    tag: 'evaluation',
    access: 'admin',
    status: 201,
    summary:
      'Import a dataset file (the body is the file: JSON Lines or CSV as `tailor eval` reads them; ?name=&format=jsonl|csv)',
    query: ImportQuerySchema,
    upload: { limit: DATASET_UPLOAD_LIMIT },
    response: DatasetSchema,
    extraResponses: { '413': `The file is larger than ${DATASET_UPLOAD_LIMIT}` },
    handler: async ({ query, req }) => {
      const text = textOf(req.body);
      const format = query.format ?? (req.is('text/csv') ? 'csv' : 'jsonl');
      const parsed = format === 'csv' ? parseCsvDataset(text) : parseJsonl(text);
      if (!parsed.ok) {
        throw new HttpError(
          400,
          'REQUEST_INVALID',
          `The ${format === 'csv' ? 'CSV' : 'JSON Lines'} file has ${parsed.problems.length} problem(s); nothing was imported.`,
          parsed.problems.map(problemAtLine),
        );
      }
      if (parsed.items.length > MAX_ITEMS) {
        throw new HttpError(400, 'REQUEST_INVALID', `A dataset holds at most ${MAX_ITEMS} items.`, [
          { path: [], message: `body: ${parsed.items.length} items, at most ${MAX_ITEMS}` },
        ]);
      }
      const now = Date.now();
      return datasets.put({
        id: randomUUID(),
        name: query.name,
        ...(query.flowId ? { flowId: query.flowId } : {}),
        items: itemsForStorage(parsed.items),
        createdAt: now,
        updatedAt: now,
      });
    },
  });
  api.add({
    method: 'post',
    path: '/api/datasets/:id/items/from-runs',
    tag: 'evaluation',
    access: 'admin',
    summary:
      "Add items made from recorded runs: the run's inputs, and its output as the expected answer (a run already added is skipped)",
    body: z.object({ runIds: z.array(z.string().min(1)).min(1).max(MAX_RUNS_AT_ONCE) }),
    response: DatasetSchema,
    extraResponses: { '404': 'The dataset or a named run does not exist' },
    handler: async ({ params, body }) => {
      const dataset = await datasets.get(params.id ?? '');
      if (!dataset) throw notFoundError(`Dataset "${params.id}"`);
      const runs = await Promise.all(
        [...new Set(body.runIds)].map(async (runId) => ({
          runId,
          run: await ctx.runs.get(runId).catch(notFoundAsUndefined),
        })),
      );
      const unknown = runs.filter((entry) => !entry.run).map((entry) => entry.runId);
      if (unknown.length) {
        throw new HttpError(
          404,
          'NOT_FOUND',
          `No recorded run ${unknown.map((id) => `"${id}"`).join(', ')}.`,
          unknown.map((id) => ({ path: ['runIds', body.runIds.indexOf(id)], message: `body.runIds: no run "${id}"` })),
        );
      }
      const unfinished = runs.filter((entry) => entry.run?.status !== 'succeeded');
      if (unfinished.length) {
        throw new HttpError(
          400,
          'REQUEST_INVALID',
          'Only runs that succeeded have an output to expect.',
          unfinished.map((entry) => ({
            path: ['runIds', body.runIds.indexOf(entry.runId)],
            message: `body.runIds: run "${entry.runId}" is ${entry.run?.status}`,
          })),
        );
      }
      const held = new Set(dataset.items.map((item) => item.id));
      const added = runs.flatMap(({ runId, run }) =>
        run && !held.has(runItemId(runId))
          ? [
              {
                id: runItemId(runId),
                inputs: run.inputs,
                ...(run.output !== undefined ? { expected: run.output } : {}),
              },
            ]
          : [],
      );
      if (dataset.items.length + added.length > MAX_ITEMS) {
        throw new HttpError(400, 'REQUEST_INVALID', `A dataset holds at most ${MAX_ITEMS} items.`);
      }
      return datasets.put({ ...dataset, items: [...dataset.items, ...added], updatedAt: Date.now() });
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
