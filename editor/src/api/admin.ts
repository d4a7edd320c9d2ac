import { z } from 'zod';
import { request, requestVoid } from './client.js';
import {
  ApiKeyListSchema,
  ApiKeySchema,
  CredentialListSchema,
  CredentialSchema,
  KnowledgeBaseDetailSchema,
  KnowledgeBaseListSchema,
  KnowledgeBaseSchema,
  KnowledgeChunksSchema,
} from './schemas.js';

const enc = encodeURIComponent;

export const credentialsApi = {
  list: () => request(CredentialListSchema, '/api/credentials'),
  create: (body: Record<string, unknown>) => request(CredentialSchema, '/api/credentials', { method: 'POST', body }),
  remove: (id: string) => requestVoid(`/api/credentials/${enc(id)}`, { method: 'DELETE' }),
};

export const keysApi = {
  list: () => request(ApiKeyListSchema, '/api/keys'),
  create: (body: { flowId: string; label?: string; origins?: string[] }) =>
    request(ApiKeySchema, '/api/keys', { method: 'POST', body }),
  remove: (id: string) => requestVoid(`/api/keys/${enc(id)}`, { method: 'DELETE' }),
};

export const knowledgeApi = {
  list: () => request(KnowledgeBaseListSchema, '/api/knowledge'),
  create: (body: Record<string, unknown>) => request(KnowledgeBaseSchema, '/api/knowledge', { method: 'POST', body }),
  get: (kb: string) => request(KnowledgeBaseDetailSchema, `/api/knowledge/${enc(kb)}`),
  chunks: (kb: string, doc: string) =>
    request(KnowledgeChunksSchema, `/api/knowledge/${enc(kb)}/documents/${enc(doc)}/chunks`),
  search: (kb: string, body: { query: string; mode: string; topK: number; debug?: boolean }) =>
    request(z.unknown(), `/api/knowledge/${enc(kb)}/search`, { method: 'POST', body }),
};
