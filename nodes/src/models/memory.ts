import { defineNode, type NodeContext } from '@tailor/runtime';
import { z } from 'zod';
import { estimateTokens } from '../providers/token-estimate.js';
import { type ConversationMessage, ConversationStoreService } from './conversation-store.js';
import { PromptTextSchema } from './model-call.js';

const MemoryConfigSchema = z
  .object({
    /** `read` the history, `append` a turn, or `read-append`: read first, then append. */
    mode: z
      .enum(['read', 'append', 'read-append'])
      .default('read')
      .describe('read the history, append a turn, or both (read first).'),
    /** How many past turns (a user message and its answer) to read. */
    lastTurns: z.number().int().min(0).max(200).default(10).describe('How many past exchanges to read.'),
    /** Keep only the newest messages that fit in this many tokens. */
    maxTokens: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Read only as much recent history as fits in this many tokens.'),
    /** The turn to append, e.g. `{{ start.message }}` and `{{ answer.text }}`. */
    user: PromptTextSchema.optional().describe("The user's message to save, e.g. {{ start.message }}."),
    assistant: PromptTextSchema.optional().describe('The answer to save, e.g. {{ answer.text }}.'),
    /** Another session than the run's, e.g. `{{ start.customerId }}`. */
    session: z
      .preprocess((v) => (v === null || v === '' ? undefined : v), z.string().optional())
      .describe("Another conversation than this run's session, e.g. {{ start.customerId }}."),
  })
  .refine((c) => c.mode === 'read' || !!c.user?.trim() || !!c.assistant?.trim(), {
    message: 'to append, give the user message and/or the assistant answer',
    path: ['user'],
  });
type MemoryConfig = z.output<typeof MemoryConfigSchema>;

/** Conversation history of the current session, read for a model and appended after it answers. */
export const memoryNode = defineNode({
  type: 'memory',
  version: 1,
  title: { en: 'Memory', zh: '对话记忆' },
  description: {
    en: "Reads the recent turns of this chat session (for a model's messages) and saves the new turn.",
    zh: '读取本次会话最近的几轮对话（供大模型使用），并保存新的一轮。',
  },
  category: 'model',
  config: MemoryConfigSchema,
  output: z.object({
    messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })),
    text: z.string(),
    turns: z.number(),
    appended: z.number(),
  }),
  run: remember,
});

async function remember(context: NodeContext<MemoryConfig>) {
  const { config } = context;
  const sessionId = config.session ?? context.run.sessionId;
  if (!sessionId) {
    context.log(
      config.mode === 'read' ? 'info' : 'warn',
      'This run has no session id, so there is no history to read or keep.',
    );
    return { output: { messages: [], text: '', turns: 0, appended: 0 } };
  }
  const store = context.services.get(ConversationStoreService);
  const history = config.mode === 'append' ? [] : await readHistory(context, sessionId);
  const added: ConversationMessage[] = [];
  if (config.mode !== 'read') {
    const at = Date.now();
    if (config.user?.trim()) added.push({ role: 'user', content: config.user, at, runId: context.run.id });
    if (config.assistant?.trim())
      added.push({ role: 'assistant', content: config.assistant, at, runId: context.run.id });
    await store.append(sessionId, added);
  }
  const messages = history.map(({ role, content }) => ({ role, content }));
  return {
    output: {
      messages,
      text: messages.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`).join('\n'),
      turns: messages.filter((m) => m.role === 'user').length,
      appended: added.length,
    },
  };
}

async function readHistory(context: NodeContext<MemoryConfig>, sessionId: string): Promise<ConversationMessage[]> {
  const { lastTurns, maxTokens } = context.config;
  if (lastTurns === 0) return [];
  // A turn is usually two messages; read a little more so a turn cut at the edge can be dropped whole.
  const recent = await context.services.get(ConversationStoreService).read(sessionId, { limit: lastTurns * 2 + 2 });
  const kept: ConversationMessage[] = [];
  let users = 0;
  let tokens = 0;
  for (let i = recent.length - 1; i >= 0; i -= 1) {
    const message = recent[i] as ConversationMessage;
    if (message.role === 'user' && ++users > lastTurns) break;
    tokens += estimateTokens(message.content);
    if (maxTokens !== undefined && tokens > maxTokens) break;
    kept.unshift(message);
  }
  // Do not begin with an answer whose question was left out.
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}
