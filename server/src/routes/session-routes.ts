import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import { notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import { ChatSessionSummarySchema, ChatTurnSchema } from '../storage/session-store.js';

export function addSessionRoutes(api: ApiTable, ctx: ServerContext): void {
  const { sessions } = ctx.storage;
  api.add({
    method: 'get',
    path: '/api/sessions',
    tag: 'sessions',
    access: 'admin',
    summary: 'List chat sessions, latest first',
    query: z.object({ flowId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.array(ChatSessionSummarySchema),
    handler: ({ query }) => sessions.list({ limit: query.limit, ...(query.flowId ? { flowId: query.flowId } : {}) }),
  });
  api.add({
    method: 'get',
    path: '/api/sessions/:id',
    tag: 'sessions',
    access: 'admin',
    summary: 'A chat session with its turns',
    response: ChatSessionSummarySchema.extend({ turns: z.array(ChatTurnSchema) }),
    handler: async ({ params }) => {
      const session = await sessions.get(params.id ?? '');
      if (!session) throw notFoundError(`Session "${params.id}"`);
      return { ...session, turns: await sessions.turns(session.id) };
    },
  });
  api.add({
    method: 'delete',
    path: '/api/sessions/:id',
    tag: 'sessions',
    access: 'admin',
    summary: 'Delete a chat session',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      if (!(await sessions.delete(params.id ?? ''))) throw notFoundError(`Session "${params.id}"`);
      return { deleted: true };
    },
  });
}
