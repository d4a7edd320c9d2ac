import { z } from 'zod';
import { request } from './client.js';

const PriceTableSchema = z.object({
  currency: z.string(),
  note: z.string().optional(),
  models: z.record(z.string(), z.object({ input: z.number(), output: z.number() })),
});
export type PriceTable = z.output<typeof PriceTableSchema>;

/** `GET|PUT|DELETE /api/settings/prices`: the admin's saved table and the one runs price with. */
const PriceTablesSchema = z.object({ override: PriceTableSchema.nullable(), effective: PriceTableSchema });
export type PriceTables = z.output<typeof PriceTablesSchema>;

export const priceSettingsApi = {
  get: () => request(PriceTablesSchema, '/api/settings/prices'),
  save: (table: unknown) => request(PriceTablesSchema, '/api/settings/prices', { method: 'PUT', body: table }),
  clear: () => request(PriceTablesSchema, '/api/settings/prices', { method: 'DELETE' }),
};
