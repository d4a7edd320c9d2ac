import { FlowDocumentSchema, loadFlow, ValidationProblemSchema } from '@tailor/runtime';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import { HttpError, notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { FlowSummarySchema, StoredFlowSchema } from '../storage/flow-store.js';
import { problemsOf, readFlowDocument } from './flow-input.js';

const AnyBody = z.unknown();
const SavedSchema = z.object({
  document: FlowDocumentSchema,
  revision: z.number(),
  problems: z.array(ValidationProblemSchema),
});
const FlowDetailSchema = StoredFlowSchema.omit({ document: true }).extend({
  document: FlowDocumentSchema,
  problems: z.array(ValidationProblemSchema),
});

/** `If-Match: 3` or `If-Match: "3"`; absent means "overwrite whatever is there". */
function expectedRevision(header: string | undefined): number | undefined {
  if (header === undefined || header === '*') return undefined;
  const revision = Number(header.replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(revision) || revision < 1) {
    throw new HttpError(400, 'REQUEST_INVALID', 'If-Match must hold the revision number you edited.', [
      { path: ['If-Match'], message: 'header If-Match: expected a revision number such as 3' },
    ]);
  }
  return revision;
}

export function addFlowRoutes(api: ApiTable, ctx: ServerContext): void {
  const { storage, catalogue } = ctx;
  api.add({
    method: 'get',
    path: '/api/flows',
    tag: 'flows',
    access: 'admin',
    summary: 'List flows',
    response: z.array(FlowSummarySchema),
    handler: () => storage.flows.list(),
  });
  api.add({
    method: 'post',
    path: '/api/flows',
    tag: 'flows',
    access: 'admin',
    summary: 'Create a flow',
    status: 201,
    body: AnyBody,
    response: SavedSchema,
    extraResponses: { '409': 'A flow with this id exists' },
    handler: async ({ body, res }) => {
      const { document, problems } = readFlowDocument(body, catalogue);
      const saved = await storage.flows.create(document, Date.now());
      res.setHeader('ETag', `"${saved.revision}"`);
      return { document: saved.document, revision: saved.revision, problems };
    },
  });
  api.add({
    method: 'get',
    path: '/api/flows/:id',
    tag: 'flows',
    access: 'admin',
    summary: 'Get a flow (draft) with its problems',
    response: FlowDetailSchema,
    handler: async ({ params, res }) => {
      const flow = await storage.flows.get(params.id ?? '');
      if (!flow) throw notFoundError(`Flow "${params.id}"`);
      res.setHeader('ETag', `"${flow.revision}"`);
      return { ...flow, problems: problemsOf(flow.document, catalogue) };
    },
  });
  api.add({
    method: 'put',
    path: '/api/flows/:id',
    tag: 'flows',
    access: 'admin',
    summary: 'Save the draft; send If-Match with the revision you edited (409 when someone saved since)',
    body: AnyBody,
    response: SavedSchema,
    extraResponses: { '409': 'The flow changed since that revision' },
    handler: async ({ body, params, req, res }) => {
      const { document, problems } = readFlowDocument(body, catalogue);
      if (document.id !== params.id) {
        throw new HttpError(400, 'REQUEST_INVALID', 'The document id differs from the flow in the address.', [
          { path: ['id'], message: `body.id: expected "${params.id}", got "${document.id}"` },
        ]);
      }
      const saved = await storage.flows.update(document, expectedRevision(req.headers['if-match']), Date.now());
      res.setHeader('ETag', `"${saved.revision}"`);
      return { document: saved.document, revision: saved.revision, problems };
    },
  });
  api.add({
    method: 'delete',
    path: '/api/flows/:id',
    tag: 'flows',
    access: 'admin',
    summary: 'Delete a flow and its versions',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      if (!(await storage.flows.delete(params.id ?? ''))) throw notFoundError(`Flow "${params.id}"`);
      ctx.resolver.forget(params.id ?? '');
      // A new flow of the same id must not inherit the old one's publish gate.
      await storage.evaluations.setGate(params.id ?? '', undefined);
      return { deleted: true };
    },
  });
  api.add({
    method: 'post',
    path: '/api/validate',
    tag: 'flows',
    access: 'admin',
    summary: 'Validate a flow document',
    body: AnyBody,
    response: z.object({ valid: z.boolean(), problems: z.array(ValidationProblemSchema) }),
    handler: async ({ body }) => {
      const { valid, problems } = loadFlow(body, catalogue);
      return { valid, problems };
    },
  });
  api.add({
    method: 'get',
    path: '/api/flows/:id/export',
    tag: 'flows',
    access: 'admin',
    summary: 'Download the draft as a flow file',
    response: FlowDocumentSchema,
    handler: async ({ params, res }) => {
      const flow = await storage.flows.get(params.id ?? '');
      if (!flow) throw notFoundError(`Flow "${params.id}"`);
      res.setHeader('Content-Disposition', `attachment; filename="${flow.id}.flow.json"`);
      return flow.document;
    },
  });
  api.add({
    method: 'post',
    path: '/api/flows/import',
    tag: 'flows',
    access: 'admin',
    status: 201,
    summary: 'Import a flow file (older formats are migrated); `?replace=true` overwrites an existing flow',
    body: AnyBody,
    query: z.object({ replace: z.enum(['true', 'false']).optional() }),
    response: SavedSchema,
    extraResponses: { '409': 'A flow with this id exists (use replace=true)' },
    handler: async ({ body, query }) => {
      const { document, problems } = readFlowDocument(body, catalogue);
      const now = Date.now();
      const exists = await storage.flows.get(document.id);
      const saved =
        exists && query.replace === 'true'
          ? await storage.flows.update(document, undefined, now)
          : await storage.flows.create(document, now);
      return { document: saved.document, revision: saved.revision, problems };
    },
  });
}
