import { randomUUID } from 'node:crypto';
import type { RunEvent, RunEventOf } from '@tailor/runtime';
import { z } from 'zod';
import { apiKeyOf, assertKeyMayRun } from '../auth/api-key-auth.js';
import type { ApiTable } from '../http/api-table.js';
import { openSse } from '../http/sse.js';
import { answerNodes, answerText } from '../runs/answer-nodes.js';
import { recordChatTurns } from '../runs/chat-turns.js';
import type { ServerContext } from '../server-context.js';
import { endUserOf } from './published-routes.js';

const ContentSchema = z.union([
  z.string(),
  z
    .array(z.object({ type: z.string(), text: z.string().optional() }).loose())
    .transform((parts) => parts.map((part) => part.text ?? '').join('')),
]);

const MessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']),
    content: ContentSchema.nullable().default(''),
  })
  .loose();

const ChatCompletionRequestSchema = z
  .object({
    /** The id of the flow to run. */
    model: z.string().min(1),
    messages: z.array(MessageSchema).min(1, 'send at least one message'),
    stream: z.boolean().default(false),
    /** Tailor's extension: continue a stored session instead of replaying `messages` as history. */
    session_id: z.string().min(1).max(200).optional(),
  })
  .loose();

const ChatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number(),
      message: z.object({ role: z.literal('assistant'), content: z.string() }),
      finish_reason: z.string(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
});

type ChatRequest = z.output<typeof ChatCompletionRequestSchema>;

/**
 * The session a completion runs in. With `session_id` the stored turns are the history; without,
 * the earlier `messages` are written to a fresh session so the flow's memory node sees them, as an
 * OpenAI client expects.
 */
async function prepareSession(ctx: ServerContext, request: ChatRequest): Promise<string> {
  if (request.session_id) return request.session_id;
  const sessionId = `chat-${randomUUID()}`;
  const now = Date.now();
  const history = request.messages
    .slice(0, -1)
    .filter((m) => m.role === 'user' || m.role === 'assistant' || m.role === 'system')
    .map((m) => ({ role: m.role as 'user' | 'assistant' | 'system', content: m.content ?? '', at: now }));
  await ctx.storage.sessions.append(sessionId, request.model, history);
  return sessionId;
}

function usageOf(end: RunEventOf<'run.end'>) {
  const input = end.usage?.input ?? 0;
  const output = end.usage?.output ?? 0;
  return { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
}

export function addChatCompletionRoutes(api: ApiTable, ctx: ServerContext): void {
  api.add({
    method: 'post',
    path: '/v1/chat/completions',
    tag: 'published',
    access: 'api-key',
    summary: 'OpenAI-compatible chat: `model` is the flow id; the last user message is the input `message`',
    body: ChatCompletionRequestSchema,
    response: ChatCompletionSchema,
    extraResponses: { '403': 'The key belongs to another flow', '502': 'The flow run failed' },
    handler: async ({ body, res }) => {
      const flowId = body.model;
      assertKeyMayRun(apiKeyOf(res), flowId);
      const message = body.messages.at(-1)?.content ?? '';
      const { document } = await ctx.resolver.resolve(flowId, 'published');
      const sessionId = await prepareSession(ctx, body);
      const id = `chatcmpl-${randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const chunk = (delta: Record<string, string>, finish: string | null) => ({
        id,
        object: 'chat.completion.chunk',
        created,
        model: flowId,
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
      const sources = answerNodes(document);
      let streamed = false;
      let sse: ReturnType<typeof openSse> | undefined;
      const early: string[] = [];
      const onEvent = (event: RunEvent) => {
        if (event.type !== 'node.delta' || event.scope !== undefined || !event.text || !sources.has(event.nodeId))
          return;
        streamed = true;
        if (sse) sse.send(chunk({ content: event.text }, null));
        else early.push(event.text);
      };
      const run = await ctx.runs.start(flowId, {
        inputs: { message },
        version: 'published',
        source: 'chat',
        sessionId,
        ...endUserOf(res),
        ...(body.stream ? { onEvent } : {}),
      });
      if (body.stream) {
        sse = openSse(res, () => run.unfollow());
        sse.send(chunk({ role: 'assistant', content: '' }, null));
        for (const text of early.splice(0)) sse.send(chunk({ content: text }, null));
      }
      const end = await run.ended;
      const answer = answerText(end.output);
      if (end.status === 'succeeded') {
        await recordChatTurns(ctx.storage.sessions, {
          sessionId,
          flowId,
          runId: run.runId,
          message,
          output: end.output,
          startedAt: end.at - end.durationMs,
        });
      }
      if (sse) {
        if (end.status !== 'succeeded') {
          sse.send({
            error: {
              message: end.error?.message ?? 'The flow run failed.',
              type: 'flow_error',
              code: end.error?.code ?? 'NODE_FAILED',
            },
          });
        } else {
          if (!streamed) sse.send(chunk({ content: answer }, null));
          sse.send({ ...chunk({}, 'stop'), usage: usageOf(end) });
        }
        sse.sendRaw('[DONE]');
        sse.end();
        return undefined;
      }
      if (end.status !== 'succeeded') {
        res.status(502);
        return {
          error: {
            code: end.error?.code ?? 'NODE_FAILED',
            message: end.error?.message ?? 'The flow run failed.',
            type: 'flow_error',
          },
        };
      }
      res.setHeader('X-Tailor-Run-Id', run.runId);
      res.setHeader('X-Tailor-Session-Id', sessionId);
      return {
        id,
        object: 'chat.completion',
        created,
        model: flowId,
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        usage: usageOf(end),
      };
    },
  });
}
