import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import type { ServerContext } from '../server-context.js';
import { RunFilterSchema, RunSummarySchema, StoredRunSchema } from '../storage/run-store.js';

const StartedSchema = z.object({ runId: z.string() });

const StartRunSchema = z.object({
  inputs: z.record(z.string(), z.unknown()).default({}),
  version: z.union([z.literal('draft'), z.literal('published'), z.number().int().min(1)]).default('draft'),
  sessionId: z.string().min(1).max(200).optional(),
  /** Node id → output to use instead of running that node. */
  pinned: z.record(z.string(), z.unknown()).optional(),
});

export function addRunRoutes(api: ApiTable, ctx: ServerContext): void {
  const { runs } = ctx;
  api.add({
    method: 'post',
    path: '/api/flows/:id/runs',
    tag: 'runs',
    access: 'admin',
    status: 202,
    summary: 'Start a run of the draft (or a version); follow it over socket.io',
    body: StartRunSchema,
    response: StartedSchema,
    handler: async ({ params, body }) => {
      const pinned = body.pinned
        ? Object.fromEntries(Object.entries(body.pinned).map(([id, output]) => [id, { output }]))
        : undefined;
      const run = await runs.start(params.id ?? '', {
        inputs: body.inputs,
        version: body.version,
        source: 'editor',
        ...(body.sessionId ? { sessionId: body.sessionId } : {}),
        ...(pinned ? { pinned } : {}),
      });
      run.unfollow();
      return { runId: run.runId };
    },
  });
  api.add({
    method: 'get',
    path: '/api/runs',
    tag: 'runs',
    access: 'admin',
    summary: 'List runs, newest first, with filters and a cursor',
    query: RunFilterSchema,
    response: z.object({ runs: z.array(RunSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      await ctx.recorder.flush();
      return ctx.storage.runs.list(query);
    },
  });
  api.add({
    method: 'get',
    path: '/api/runs/:id',
    tag: 'runs',
    access: 'admin',
    summary: 'Get a run record with its node trace',
    response: StoredRunSchema,
    handler: ({ params }) => runs.get(params.id ?? ''),
  });
  api.add({
    method: 'post',
    path: '/api/runs/:id/cancel',
    tag: 'runs',
    access: 'admin',
    summary: 'Cancel a queued or running run',
    response: z.object({ cancelled: z.boolean() }),
    handler: async ({ params }) => {
      await runs.get(params.id ?? '');
      return { cancelled: await runs.cancel(params.id ?? '') };
    },
  });
  api.add({
    method: 'post',
    path: '/api/runs/:id/replay',
    tag: 'runs',
    access: 'admin',
    status: 202,
    summary: 'Run the same flow version again with the same inputs',
    response: StartedSchema,
    handler: async ({ params }) => {
      const run = await runs.replay(params.id ?? '');
      run.unfollow();
      return { runId: run.runId };
    },
  });
  api.add({
    method: 'post',
    path: '/api/runs/:id/rerun',
    tag: 'runs',
    access: 'admin',
    status: 202,
    summary: 'Run a node and everything below it again, with the recorded outputs of the nodes above it',
    body: z.object({ fromNode: z.string().min(1) }),
    response: StartedSchema,
    handler: async ({ params, body }) => {
      const run = await runs.rerun(params.id ?? '', body.fromNode);
      run.unfollow();
      return { runId: run.runId };
    },
  });
}
