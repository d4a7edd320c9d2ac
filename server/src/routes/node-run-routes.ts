import { loadFlow } from '@tailor/runtime';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import { fromValidationProblems, HttpError, notFoundError } from '../http/http-error.js';
import { singleNodeRun } from '../runs/single-node-run.js';
import type { ServerContext } from '../server-context.js';

const NodeRunSchema = z.object({
  /** Upstream node id → the output to use for it (usually its output in the last run). */
  pins: z.record(z.string(), z.unknown()).default({}),
  /** The run's inputs, for an input node the node refers to and no pin replaces. */
  inputs: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Runs one node of the draft alone, with pinned inputs: the nodes above it are not run, the nodes
 * below it are not run either. The run is recorded like any editor run (source `editor`), with
 * `parentNodeId` naming the node that ran alone.
 */
export function addNodeRunRoutes(api: ApiTable, ctx: ServerContext): void {
  api.add({
    method: 'post',
    path: '/api/flows/:id/nodes/:nodeId/run',
    tag: 'runs',
    access: 'admin',
    status: 202,
    summary: 'Run a single node of the draft with pinned outputs of the nodes above it',
    body: NodeRunSchema,
    response: z.object({ runId: z.string() }),
    handler: async ({ params, body }) => {
      const flowId = params.id ?? '';
      const nodeId = params.nodeId ?? '';
      const flow = await ctx.storage.flows.get(flowId);
      if (!flow) throw notFoundError(`Flow "${flowId}"`);
      if (!flow.document.nodes.some((node) => node.id === nodeId)) throw notFoundError(`Node "${nodeId}"`);
      const cut = singleNodeRun(flow.document, nodeId, body.pins, body.inputs !== undefined);
      if ('problems' in cut) throw new HttpError(400, 'REQUEST_INVALID', undefined, cut.problems);
      const loaded = loadFlow(cut.run.document, ctx.catalogue);
      if (!loaded.valid || !loaded.document) throw fromValidationProblems(loaded.problems);
      const run = await ctx.runs.start(flowId, {
        document: loaded.document,
        inputs: body.inputs ?? {},
        version: 'draft',
        source: 'editor',
        parentNodeId: nodeId,
        pinned: cut.run.pinned,
      });
      run.unfollow();
      return { runId: run.runId };
    },
  });
}
