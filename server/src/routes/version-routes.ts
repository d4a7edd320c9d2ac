import { loadFlow } from '@tailor/runtime';
import { z } from 'zod';
import { publishGateRefusal } from '../evaluation/publish-gate.js';
import { diffFlows, FlowDiffSchema } from '../flows/flow-diff.js';
import type { ApiTable } from '../http/api-table.js';
import { fromValidationProblems, HttpError, notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { FlowVersionSchema, FlowVersionSummarySchema, StoredFlowSchema } from '../storage/flow-store.js';

const VersionParam = z.union([z.literal('draft'), z.coerce.number().int().min(1)]);

function versionNumber(text: string | undefined): number {
  const version = Number(text);
  if (!Number.isInteger(version) || version < 1) {
    throw new HttpError(400, 'REQUEST_INVALID', 'A version is a whole number from 1.', [
      { path: ['version'], message: `params.version: "${text}" is not a version number` },
    ]);
  }
  return version;
}

export function addVersionRoutes(api: ApiTable, ctx: ServerContext): void {
  const { storage } = ctx;
  const documentAt = async (flowId: string, version: z.output<typeof VersionParam>) => {
    if (version === 'draft') {
      const flow = await storage.flows.get(flowId);
      if (!flow) throw notFoundError(`Flow "${flowId}"`);
      return flow.document;
    }
    const frozen = await storage.flows.version(flowId, version);
    if (!frozen) throw notFoundError(`Version ${version} of flow "${flowId}"`);
    return frozen.document;
  };

  api.add({
    method: 'get',
    path: '/api/flows/:id/versions',
    tag: 'versions',
    access: 'admin',
    summary: 'List published versions, newest first',
    response: z.array(FlowVersionSummarySchema),
    handler: async ({ params }) => {
      if (!(await storage.flows.get(params.id ?? ''))) throw notFoundError(`Flow "${params.id}"`);
      return storage.flows.versions(params.id ?? '');
    },
  });
  api.add({
    method: 'post',
    path: '/api/flows/:id/versions',
    tag: 'versions',
    access: 'admin',
    status: 201,
    summary: 'Publish the draft as the next version (the draft must be valid)',
    body: z.object({ note: z.string().max(2_000).default('') }),
    response: FlowVersionSchema,
    extraResponses: { '409': 'The evaluation gate refuses the draft (no passing evaluation of it)' },
    handler: async ({ params, body }) => {
      const flow = await storage.flows.get(params.id ?? '');
      if (!flow) throw notFoundError(`Flow "${params.id}"`);
      const checked = loadFlow(flow.document, ctx.catalogue);
      if (!checked.valid) throw fromValidationProblems(checked.problems);
      const refusal = await publishGateRefusal(storage, flow);
      if (refusal) throw new HttpError(409, 'CONFLICT', refusal);
      const version = await storage.flows.publish(flow.id, body.note, Date.now());
      ctx.resolver.forget(flow.id);
      return version;
    },
  });
  api.add({
    method: 'get',
    path: '/api/flows/:id/versions/:version',
    tag: 'versions',
    access: 'admin',
    summary: 'Get one version',
    response: FlowVersionSchema,
    handler: async ({ params }) => {
      const version = await storage.flows.version(params.id ?? '', versionNumber(params.version));
      if (!version) throw notFoundError(`Version ${params.version} of flow "${params.id}"`);
      return version;
    },
  });
  api.add({
    method: 'get',
    path: '/api/flows/:id/diff',
    tag: 'versions',
    access: 'admin',
    summary: 'What changed between two versions (`draft` or a number); default: published → draft',
    query: z.object({ from: VersionParam.optional(), to: VersionParam.optional() }),
    response: FlowDiffSchema,
    handler: async ({ params, query }) => {
      const flow = await storage.flows.get(params.id ?? '');
      if (!flow) throw notFoundError(`Flow "${params.id}"`);
      const from = query.from ?? flow.publishedVersion ?? 'draft';
      return diffFlows(await documentAt(flow.id, from), await documentAt(flow.id, query.to ?? 'draft'));
    },
  });
  api.add({
    method: 'post',
    path: '/api/flows/:id/versions/:version/rollback',
    tag: 'versions',
    access: 'admin',
    summary: 'Make an old version the published one and the draft again',
    response: StoredFlowSchema,
    handler: async ({ params }) => {
      const flow = await storage.flows.rollback(params.id ?? '', versionNumber(params.version), Date.now());
      ctx.resolver.forget(flow.id);
      return flow;
    },
  });
}
