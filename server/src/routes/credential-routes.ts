import { CredentialSchema } from '@tailor/nodes';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import { HttpError, notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { CredentialSummarySchema } from '../storage/credential-store.js';

const CredentialIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, ".", "_" and "-"');
const CredentialBodySchema = CredentialSchema.extend({ id: CredentialIdSchema });
const CredentialUpdateSchema = CredentialSchema.omit({ id: true });

export function addCredentialRoutes(api: ApiTable, ctx: ServerContext): void {
  const { vault } = ctx;
  api.add({
    method: 'get',
    path: '/api/credentials',
    tag: 'credentials',
    access: 'admin',
    summary: 'List credentials (secrets masked, never returned)',
    response: z.array(CredentialSummarySchema),
    handler: () => vault.list(),
  });
  api.add({
    method: 'post',
    path: '/api/credentials',
    tag: 'credentials',
    access: 'admin',
    status: 201,
    summary: 'Store a credential, encrypted at rest',
    body: CredentialBodySchema,
    response: CredentialSummarySchema,
    extraResponses: { '409': 'A credential with this id exists' },
    handler: async ({ body }) => {
      if (await vault.get(body.id))
        throw new HttpError(409, 'CONFLICT', `A credential "${body.id}" already exists; update it instead.`);
      return vault.put(body, Date.now());
    },
  });
  api.add({
    method: 'put',
    path: '/api/credentials/:id',
    tag: 'credentials',
    access: 'admin',
    summary: 'Replace a credential; secret fields left out keep their stored value',
    body: CredentialUpdateSchema,
    response: CredentialSummarySchema,
    handler: async ({ params, body }) => {
      const existing = await vault.get(params.id ?? '');
      if (!existing) throw notFoundError(`Credential "${params.id}"`);
      // The editor never sees secrets, so an edit that leaves them blank keeps them.
      const merged = {
        ...body,
        id: existing.id,
        ...(body.apiKey === undefined && existing.apiKey ? { apiKey: existing.apiKey } : {}),
        ...(body.password === undefined && existing.password ? { password: existing.password } : {}),
        ...(body.headers === undefined && existing.headers ? { headers: existing.headers } : {}),
      };
      return vault.put(merged, Date.now());
    },
  });
  api.add({
    method: 'delete',
    path: '/api/credentials/:id',
    tag: 'credentials',
    access: 'admin',
    summary: 'Delete a credential',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      if (!(await vault.delete(params.id ?? ''))) throw notFoundError(`Credential "${params.id}"`);
      return { deleted: true };
    },
  });
}
