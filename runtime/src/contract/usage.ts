import { z } from 'zod';

export const TokenUsageSchema = z.object({
  input: z.number().int().min(0),
  output: z.number().int().min(0),
  /** Cost in the price table's currency (USD by default), when a price is known. */
  cost: z.number().min(0).optional(),
});
export type TokenUsage = z.output<typeof TokenUsageSchema>;

export function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  const cost = a.cost === undefined && b.cost === undefined ? undefined : (a.cost ?? 0) + (b.cost ?? 0);
  return cost === undefined
    ? { input: a.input + b.input, output: a.output + b.output }
    : { input: a.input + b.input, output: a.output + b.output, cost };
}
