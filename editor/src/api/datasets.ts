import { z } from 'zod';
import { ApiError, request, requestVoid } from './client.js';

const enc = encodeURIComponent;

/** One case of a dataset: the flow's inputs and what a good answer is. */
export const DatasetItemSchema = z
  .object({
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()),
    expected: z.unknown().optional(),
    facts: z.array(z.string()).optional(),
    sources: z.array(z.string()).optional(),
  })
  .loose();
export type DatasetItem = z.output<typeof DatasetItemSchema>;

export const DatasetSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    flowId: z.string().optional(),
    itemCount: z.number(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .loose();
export type DatasetSummary = z.output<typeof DatasetSummarySchema>;

export const DatasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    flowId: z.string().optional(),
    items: z.array(DatasetItemSchema),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .loose();
export type Dataset = z.output<typeof DatasetSchema>;

export type DatasetFormat = 'jsonl' | 'csv';

/** The format a file is read as: by its extension, else by whether its first character opens JSON. */
export function datasetFormatOf(fileName: string, text: string): DatasetFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** A file name without its extension: the default name of an uploaded dataset. */
export function datasetNameOf(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim() || fileName;
}

export const datasetsApi = {
  list: () => request(z.array(DatasetSummarySchema), '/api/datasets'),
  get: (id: string) => request(DatasetSchema, `/api/datasets/${enc(id)}`),
  create: (body: { name: string; flowId?: string; items: DatasetItem[] }) =>
    request(DatasetSchema, '/api/datasets', { method: 'POST', body }),
  remove: (id: string) => requestVoid(`/api/datasets/${enc(id)}`, { method: 'DELETE' }),
  /** Uploads a CSV or JSON Lines file as the raw body; a bad file answers 400 with each line's problem. */
  importText: async (name: string, format: DatasetFormat, text: string): Promise<Dataset> => {
    const response = await fetch(`/api/datasets/import?name=${enc(name)}&format=${format}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
        'X-Tailor-Csrf': '1',
      },
      body: text,
      credentials: 'same-origin',
      cache: 'no-store',
    }).catch(() => {
      throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check that Tailor is running.');
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string; problems?: unknown } } | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `HTTP_${response.status}`,
        error?.message ?? `${response.status} ${response.statusText}`,
        error?.problems,
      );
    }
    const parsed = DatasetSchema.safeParse(body);
    if (!parsed.success) throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an unexpected answer.');
    return parsed.data;
  },
  /** Adds recorded runs as items: their inputs, and their outputs as the expected answers. */
  addRuns: (id: string, runIds: readonly string[]) =>
    request(DatasetSchema, `/api/datasets/${enc(id)}/items/from-runs`, { method: 'POST', body: { runIds } }),
};
