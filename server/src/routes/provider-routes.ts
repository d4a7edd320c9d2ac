import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import {
  type ProviderDirectory,
  ProviderInfoSchema,
  ProviderListError,
  ProviderModelsSchema,
} from '../compose/provider-directory.js';
import type { ApiTable } from '../http/api-table.js';
import { HttpError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';

const ModelsQuerySchema = z.object({
  /** A stored credential to list with, instead of the one named after the provider. */
  credential: z.string().min(1).max(100).optional(),
  /** Ask the provider again instead of reusing the list read moments ago. */
  refresh: z
    .enum(['1', 'true', '0', 'false'])
    .transform((value) => value === '1' || value === 'true')
    .optional(),
});

/** The editor's model picker: configured providers, and the models each one lists. */
export function addProviderRoutes(api: ApiTable, ctx: ServerContext): void {
  const directory: ProviderDirectory = ctx.providers;
  api.add({
    method: 'get',
    path: '/api/providers',
    tag: 'providers',
    access: 'admin',
    summary: 'Model providers: which are configured (never their secrets), what they do, suggested models',
    response: z.array(ProviderInfoSchema),
    handler: () => directory.list(),
  });
  api.add({
    method: 'get',
    path: '/api/providers/:id/models',
    tag: 'providers',
    access: 'admin',
    summary: 'Models the provider lists over its own API (kept 30 s); the shipped suggestions when it has no list',
    query: ModelsQuerySchema,
    response: ProviderModelsSchema,
    extraResponses: {
      '502': 'The provider could not be reached or refused (its message is passed on)',
      '504': 'The provider did not answer in time',
    },
    handler: async ({ params, query }) => {
      try {
        return await directory.models(params.id ?? '', {
          ...(query.credential ? { credential: query.credential } : {}),
          ...(query.refresh ? { refresh: true } : {}),
        });
      } catch (thrown) {
        throw asHttpError(thrown);
      }
    },
  });
}

function asHttpError(thrown: unknown): unknown {
  if (thrown instanceof ProviderListError) {
    return thrown.reason === 'unknown'
      ? new HttpError(404, 'NOT_FOUND', thrown.message)
      : new HttpError(504, 'PROVIDER_UNAVAILABLE', thrown.message);
  }
  // A missing key is the installation's to fix, not the provider's fault.
  if (thrown instanceof TailorError && thrown.code === 'CREDENTIAL_MISSING')
    return new HttpError(409, 'CREDENTIAL_MISSING', thrown.message);
  // Whatever else the provider said (bad key, outage, odd reply) is a bad gateway, with its words.
  if (thrown instanceof TailorError && thrown.code.startsWith('PROVIDER_'))
    return new HttpError(502, thrown.code, thrown.message);
  return thrown;
}
