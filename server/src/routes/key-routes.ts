import { z } from 'zod';
import { createApiKey } from '../auth/create-api-key.js';
import type { ApiTable } from '../http/api-table.js';
import { notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { ApiKeySummarySchema } from '../storage/key-store.js';

const OriginSchema = z
  .string()
  .regex(
    /^(\*|https?:\/\/[^/\s]+)$/,
    'an origin is scheme://host[:port] without a path, e.g. https://shop.example.com',
  );

const CreateKeySchema = z.object({
  /** The flow the key may run; leave out for a key that may run every published flow. */
  flowId: z.string().min(1).optional(),
  origins: z.array(OriginSchema).max(50).default([]),
  label: z.string().max(200).optional(),
});

export function addKeyRoutes(api: ApiTable, ctx: ServerContext): void {
  const { storage } = ctx;
  api.add({
    method: 'get',
    path: '/api/keys',
    tag: 'keys',
    access: 'admin',
    summary: 'List API keys (only their prefixes)',
    query: z.object({ flowId: z.string().optional() }),
    response: z.array(ApiKeySummarySchema),
    handler: ({ query }) => storage.keys.list(query.flowId),
  });
  api.add({
    method: 'post',
    path: '/api/keys',
    tag: 'keys',
    access: 'admin',
    status: 201,
    summary: 'Create an API key; the key is in this response only',
    body: CreateKeySchema,
    response: ApiKeySummarySchema.extend({ key: z.string() }),
    handler: async ({ body }) => {
      if (body.flowId && !(await storage.flows.get(body.flowId))) throw notFoundError(`Flow "${body.flowId}"`);
      const { key, summary } = await createApiKey(storage.keys, {
        flowId: body.flowId ?? null,
        origins: body.origins,
        ...(body.label ? { label: body.label } : {}),
      });
      return { ...summary, key };
    },
  });
  api.add({
    method: 'delete',
    path: '/api/keys/:id',
    tag: 'keys',
    access: 'admin',
    summary: 'Revoke an API key',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      if (!(await storage.keys.delete(params.id ?? ''))) throw notFoundError(`API key "${params.id}"`);
      ctx.apiKeys.forget();
      return { deleted: true };
    },
  });
}
