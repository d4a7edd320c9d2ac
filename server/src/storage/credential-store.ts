import { z } from 'zod';

/** What may be shown of a credential: never the secret, only a masked hint of it. */
export const CredentialSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  provider: z.string().optional(),
  baseUrl: z.string().optional(),
  /** Masked secrets by field, e.g. `{ "apiKey": "sk-…abcd" }`. */
  masked: z.record(z.string(), z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CredentialSummary = z.output<typeof CredentialSummarySchema>;

/** A stored credential: the summary plus the whole credential sealed with AES-256-GCM. */
export interface SealedCredential extends CredentialSummary {
  sealed: string;
}

export interface CredentialStore {
  list(): Promise<CredentialSummary[]>;
  get(id: string): Promise<SealedCredential | undefined>;
  /** Creates or replaces; keeps `createdAt` of an existing one. */
  put(credential: SealedCredential): Promise<SealedCredential>;
  delete(id: string): Promise<boolean>;
}
