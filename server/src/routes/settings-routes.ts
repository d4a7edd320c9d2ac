import { PriceTableSchema } from '@tailor/nodes';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import type { ServerContext } from '../server-context.js';

const PRICE_KEY = /^[^/]+\/.+$/;

/** The price table, with each badly written key named (zod alone says only "Invalid key in record"). */
const PriceTableBodySchema = PriceTableSchema.extend({
  models: z.record(z.string(), PriceTableSchema.shape.models.valueType).superRefine((models, ctx) => {
    for (const key of Object.keys(models)) {
      if (!PRICE_KEY.test(key))
        ctx.addIssue({ code: 'custom', path: [key], message: 'keys look like "provider/model" (or "provider/*")' });
    }
  }),
});

const PriceTablesSchema = z.object({
  override: PriceTableSchema.nullable(),
  effective: PriceTableSchema,
});

/** Installation settings the admin edits in the editor (for now: the price table). */
export function addSettingsRoutes(api: ApiTable, ctx: ServerContext): void {
  const { prices } = ctx;
  api.add({
    method: 'get',
    path: '/api/settings/prices',
    tag: 'settings',
    access: 'admin',
    summary: 'The price table: the saved override and the table runs use (shipped, TAILOR_PRICES, override)',
    response: PriceTablesSchema,
    handler: async () => {
      await prices.refresh();
      return prices.tables();
    },
  });
  api.add({
    method: 'put',
    path: '/api/settings/prices',
    tag: 'settings',
    access: 'admin',
    summary: 'Save a price table laid over the shipped one and TAILOR_PRICES; new runs use it at once',
    body: PriceTableBodySchema,
    response: PriceTablesSchema,
    handler: ({ body }) => prices.save(body),
  });
  api.add({
    method: 'delete',
    path: '/api/settings/prices',
    tag: 'settings',
    access: 'admin',
    summary: 'Forget the saved price table (back to the shipped one and TAILOR_PRICES)',
    response: PriceTablesSchema,
    handler: () => prices.clear(),
  });
}
