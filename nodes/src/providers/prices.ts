import { readFileSync } from 'node:fs';
import { serviceKey, TailorError, type TokenUsage } from '@tailor/runtime';
import { z } from 'zod';

/**
 * What tokens cost, per million, keyed `provider/model`. A key may end in `*` (`ollama/*`), and a
 * model id matches the longest key it starts with, so `openai/gpt-4o-mini-2024-07-18` is priced
 * as `openai/gpt-4o-mini`. Users edit a copy of default-prices.json; `mergePriceTables` lays it
 * over the defaults.
 */
export const PriceTableSchema = z.object({
  currency: z.string().min(1).default('USD'),
  note: z.string().optional(),
  models: z.record(
    z.string().regex(/^[^/]+\/.+$/, 'keys look like "provider/model" (or "provider/*")'),
    z.object({ input: z.number().min(0), output: z.number().min(0).default(0) }),
  ),
});
export type PriceTable = z.output<typeof PriceTableSchema>;
export type ModelPrice = PriceTable['models'][string];

/** The shipped table (default-prices.json beside this file). */
export const DEFAULT_PRICES: PriceTable = PriceTableSchema.parse(
  JSON.parse(readFileSync(new URL('./default-prices.json', import.meta.url), 'utf8')),
);

export const PriceTableService = serviceKey<PriceTable>('prices', 'the model price table');

export function parsePriceTable(text: string, source = 'the price table'): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (thrown) {
    throw new TailorError('CONFIG_INVALID', `${source} is not valid JSON (${(thrown as Error).message}).`);
  }
  const parsed = PriceTableSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new TailorError('CONFIG_INVALID', `${source} has problems: ${problems.slice(0, 5).join('; ')}.`);
  }
  return parsed.data;
}

/** The override's entries replace the base's; its currency wins when it sets one. */
export function mergePriceTables(base: PriceTable, override: PriceTable): PriceTable {
  return { currency: override.currency, models: { ...base.models, ...override.models } };
}

export function priceOf(table: PriceTable, provider: string, model: string): ModelPrice | undefined {
  const exact = table.models[`${provider}/${model}`];
  if (exact) return exact;
  let best: { length: number; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(table.models)) {
    const slash = key.indexOf('/');
    const keyProvider = key.slice(0, slash);
    const keyModel = key.slice(slash + 1).replace(/\*$/, '');
    if (keyProvider !== provider && keyProvider !== '*') continue;
    if (!model.startsWith(keyModel)) continue;
    if (!best || keyModel.length > best.length) best = { length: keyModel.length, price };
  }
  return best?.price;
}

/** The usage with its cost, when the table knows the model; otherwise the usage as it was. */
export function priceUsage(
  table: PriceTable,
  provider: string,
  model: string,
  usage: Pick<TokenUsage, 'input' | 'output'>,
): TokenUsage {
  const price = priceOf(table, provider, model);
  if (!price) return { input: usage.input, output: usage.output };
  const cost = (usage.input * price.input + usage.output * price.output) / 1_000_000;
  return { input: usage.input, output: usage.output, cost: Math.round(cost * 1e8) / 1e8 };
}
