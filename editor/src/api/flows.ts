import { type FlowDocument, FlowDocumentSchema } from '@tailor/runtime/contract';
import { z } from 'zod';
import { request, requestText, requestVoid } from './client.js';
import {
  DiffSchema,
  FlowListSchema,
  type Revision,
  SavedFlowSchema,
  ValidateResponseSchema,
  VersionListSchema,
  VersionSchema,
} from './schemas.js';

const enc = encodeURIComponent;
const SavedSchema = SavedFlowSchema.pick({ document: true, revision: true });

export const flowsApi = {
  list: () => request(FlowListSchema, '/api/flows'),
  get: (id: string) => request(SavedFlowSchema, `/api/flows/${enc(id)}`),
  create: (doc: FlowDocument) => request(SavedSchema, '/api/flows', { method: 'POST', body: doc }),
  /** Saves the draft only if nobody saved since `revision` (409 otherwise). */
  save: (doc: FlowDocument, revision: Revision) =>
    request(SavedSchema, `/api/flows/${enc(doc.id)}`, {
      method: 'PUT',
      body: doc,
      headers: { 'If-Match': String(revision) },
    }),
  remove: (id: string) => requestVoid(`/api/flows/${enc(id)}`, { method: 'DELETE' }),
  validate: (doc: FlowDocument, signal?: AbortSignal) =>
    request(ValidateResponseSchema, '/api/validate', { method: 'POST', body: doc, signal }),
  exportJson: (id: string) => requestText(`/api/flows/${enc(id)}/export`),
  importJson: (doc: unknown) => request(SavedSchema, '/api/flows/import', { method: 'POST', body: doc }),
  versions: (id: string) => request(VersionListSchema, `/api/flows/${enc(id)}/versions`),
  version: (id: string, version: number) => request(VersionSchema, `/api/flows/${enc(id)}/versions/${version}`),
  publish: (id: string, note: string) =>
    request(VersionSchema, `/api/flows/${enc(id)}/versions`, { method: 'POST', body: { note } }),
  diff: (id: string, from: number | 'draft', to: number | 'draft') =>
    request(DiffSchema, `/api/flows/${enc(id)}/diff?from=${from}&to=${to}`),
  rollback: (id: string, version: number) =>
    request(z.unknown(), `/api/flows/${enc(id)}/versions/${version}/rollback`, { method: 'POST' }),
};

/** Reads an exported or hand-written flow file; the zod message says what is wrong. */
export function parseFlowFile(text: string): { doc: FlowDocument } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const candidate = (data as { document?: unknown })?.document ?? data;
  const parsed = FlowDocumentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'invalid' };
  }
  return { doc: parsed.data };
}
