import { z } from 'zod';

export const ApiKeySummarySchema = z.object({
  id: z.string(),
  /** The first characters of the key, to recognise it in a list. */
  prefix: z.string(),
  /** The flow this key may run; null for a key that may run every published flow. */
  flowId: z.string().nullable(),
  /** Browser origins allowed to call with this key (the widget); empty allows none but servers. */
  origins: z.array(z.string()),
  label: z.string().optional(),
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
});
export type ApiKeySummary = z.output<typeof ApiKeySummarySchema>;

export interface StoredApiKey extends ApiKeySummary {
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  hash: string;
}

export interface KeyStore {
  list(flowId?: string): Promise<ApiKeySummary[]>;
  create(key: StoredApiKey): Promise<ApiKeySummary>;
  findByHash(hash: string): Promise<StoredApiKey | undefined>;
  touch(id: string, at: number): Promise<void>;
  delete(id: string): Promise<boolean>;
}
