import { RunErrorSchema, RunRecordSchema, RunStatusSchema, TokenUsageSchema } from '@tailor/runtime/contract';
import { z } from 'zod';
import { request } from '../../api/client.js';
import { RunStartedSchema } from '../../api/schemas.js';

const enc = encodeURIComponent;

/** How a run was started and by whom: what the server stores beside the `tailor.run/v1` record. */
const RunLinksSchema = z.object({
  source: z.string().optional(),
  endUser: z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional() }).optional(),
  sessionId: z.string().optional(),
  parentRunId: z.string().optional(),
});

/** One row of `GET /api/runs`. */
export const RunSummarySchema = RunLinksSchema.extend({
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number().int().optional(),
  status: RunStatusSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  durationMs: z.number().optional(),
  error: RunErrorSchema.optional(),
  usage: TokenUsageSchema.optional(),
});
export type RunSummary = z.output<typeof RunSummarySchema>;

const RunPageSchema = z.object({ runs: z.array(RunSummarySchema), nextCursor: z.string().nullable() });
export type RunPage = z.output<typeof RunPageSchema>;

export const StoredRunSchema = RunRecordSchema.extend(RunLinksSchema.shape);
export type StoredRun = z.output<typeof StoredRunSchema>;

export const runsListApi = {
  /** `query` comes from `filtersToQuery`. */
  list: (query: URLSearchParams, signal?: AbortSignal) =>
    request(RunPageSchema, `/api/runs?${query.toString()}`, signal ? { signal } : {}),
  get: (runId: string) => request(StoredRunSchema, `/api/runs/${enc(runId)}`),
  replay: (runId: string) => request(RunStartedSchema, `/api/runs/${enc(runId)}/replay`, { method: 'POST' }),
  rerun: (runId: string, fromNode: string) =>
    request(RunStartedSchema, `/api/runs/${enc(runId)}/rerun`, { method: 'POST', body: { fromNode } }),
};
