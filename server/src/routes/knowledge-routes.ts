import {
  KnowledgeBaseNameSchema,
  KnowledgeBaseSettingsSchema,
  type KnowledgeBases,
  type ModelProviders,
  SearchRequestSchema,
  searchKnowledge,
} from '@tailor/nodes';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import { HttpError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';

const CreateSchema = z.object({ name: KnowledgeBaseNameSchema, settings: KnowledgeBaseSettingsSchema.optional() });
const UploadQuerySchema = z.object({
  /** The document's file name; its extension says how to read it (.pdf, .docx, .md, .html, .csv, .txt …). */
  name: z.string().min(1).max(300),
  /** Metadata for filters, as JSON: `{"product":"router","lang":"zh"}`. */
  metadata: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return {};
      try {
        return z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'metadata must be a JSON object of strings, numbers and booleans' });
        return z.NEVER;
      }
    }),
});

function bytesOf(body: unknown): Uint8Array {
  if (Buffer.isBuffer(body)) return body;
  // A .json file sent as application/json was parsed by the JSON reader: store its text again.
  if (body !== undefined && body !== null && !(typeof body === 'object' && Object.keys(body).length === 0)) {
    return Buffer.from(JSON.stringify(body));
  }
  throw new HttpError(400, 'REQUEST_INVALID', 'Send the file as the request body.', [
    { path: [], message: 'body: empty' },
  ]);
}

/** Knowledge bases over the same service the retrieval node uses (`tailor kb` writes the same data). */
export function addKnowledgeRoutes(api: ApiTable, ctx: ServerContext): void {
  const knowledge = (): KnowledgeBases => {
    if (!ctx.knowledge) throw new HttpError(404, 'NOT_FOUND', 'This installation has no knowledge store.');
    return ctx.knowledge;
  };
  api.add({
    method: 'get',
    path: '/api/knowledge',
    tag: 'knowledge',
    access: 'admin',
    summary: 'List knowledge bases',
    handler: () => knowledge().list(),
  });
  api.add({
    method: 'post',
    path: '/api/knowledge',
    tag: 'knowledge',
    access: 'admin',
    status: 201,
    summary: 'Create a knowledge base (chunking, embedding model, vector index)',
    body: CreateSchema,
    extraResponses: { '409': 'A knowledge base of this name exists' },
    handler: async ({ body }) => {
      const { base, created } = await knowledge().ensure(body.name, body.settings ?? {});
      if (!created) throw new HttpError(409, 'CONFLICT', `A knowledge base "${body.name}" already exists.`);
      return base.info;
    },
  });
  api.add({
    method: 'get',
    path: '/api/knowledge/:kb',
    tag: 'knowledge',
    access: 'admin',
    summary: 'A knowledge base with its documents',
    handler: async ({ params }) => {
      const base = await knowledge().open(params.kb ?? '');
      return { ...base.info, documentList: await base.documents() };
    },
  });
  api.add({
    method: 'delete',
    path: '/api/knowledge/:kb',
    tag: 'knowledge',
    access: 'admin',
    summary: 'Delete a knowledge base',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      if (!(await knowledge().delete(params.kb ?? '')))
        throw new HttpError(404, 'KNOWLEDGE_NOT_FOUND', `No knowledge base "${params.kb}".`);
      return { deleted: true };
    },
  });
  api.add({
    method: 'post',
    path: '/api/knowledge/:kb/documents',
    tag: 'knowledge',
    access: 'admin',
    status: 201,
    summary:
      'Upload a document (the body is the file; ?name=<file name>&metadata=<json>); replaces one of the same name',
    query: UploadQuerySchema,
    upload: { limit: '50mb' },
    handler: async ({ params, query, req }) => {
      const base = await knowledge().open(params.kb ?? '');
      const added = await base.add(query.name, bytesOf(req.body), { metadata: query.metadata });
      await base.flush();
      return added;
    },
  });
  api.add({
    method: 'get',
    path: '/api/knowledge/:kb/documents/:doc/chunks',
    tag: 'knowledge',
    access: 'admin',
    summary: 'The chunks a document became (text, tokens, heading path), for the chunk preview',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    handler: async ({ params, query }) => {
      const base = await knowledge().open(params.kb ?? '');
      const stored = await base.store.getDocument(base.name, params.doc ?? '');
      if (!stored)
        throw new HttpError(404, 'KNOWLEDGE_DOCUMENT_NOT_FOUND', `"${params.doc}" is not in "${base.name}".`);
      const { chunkList, vectors: _vectors, ...document } = stored;
      return { document, chunks: chunkList.slice(0, query.limit), total: chunkList.length };
    },
  });
  api.add({
    method: 'delete',
    path: '/api/knowledge/:kb/documents/:doc',
    tag: 'knowledge',
    access: 'admin',
    summary: 'Remove a document',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      const base = await knowledge().open(params.kb ?? '');
      await base.remove(params.doc ?? '');
      await base.flush();
      return { deleted: true };
    },
  });
  api.add({
    method: 'post',
    path: '/api/knowledge/:kb/search',
    tag: 'knowledge',
    access: 'admin',
    summary: 'Search (keyword, vector or hybrid) with filters; `debug` also returns what was cut and why',
    body: SearchRequestSchema,
    handler: async ({ params, body }) => {
      const base = await knowledge().open(params.kb ?? '');
      const providers: ModelProviders | undefined = ctx.modelProviders;
      // Hybrid is the default; a base without an embedding model can only answer by keywords.
      const modes =
        base.info.keywordOnly && body.mode === 'hybrid' ? new Map([[base.name, 'keyword' as const]]) : undefined;
      return searchKnowledge([base], body, { ...(providers ? { providers } : {}), ...(modes ? { modes } : {}) });
    },
  });
}
