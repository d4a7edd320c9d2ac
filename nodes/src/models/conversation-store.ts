import { serviceKey } from '@tailor/runtime';
import { z } from 'zod';

export const ConversationMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  /** Epoch ms. */
  at: z.number(),
  /** The run that added it, so a message can be traced to its run record. */
  runId: z.string().optional(),
});
export type ConversationMessage = z.output<typeof ConversationMessageSchema>;

/**
 * The history of chat sessions. The memory node reads and appends through this interface only;
 * the server provides a persistent one, tests and single-process runs the in-memory one below.
 */
export interface ConversationStore {
  /** The newest `limit` messages of a session (all when absent), oldest first. */
  read(sessionId: string, options?: { limit?: number }): Promise<ConversationMessage[]>;
  append(sessionId: string, messages: readonly ConversationMessage[]): Promise<void>;
  clear(sessionId: string): Promise<void>;
}

export const ConversationStoreService = serviceKey<ConversationStore>(
  'conversations',
  'the conversation history store',
);

export interface MemoryStoreOptions {
  /** Older messages of a session are dropped beyond this (default 1,000). */
  maxMessagesPerSession?: number;
  /** The least recently used sessions are dropped beyond this (default 10,000). */
  maxSessions?: number;
}

/** A bounded in-memory store: sessions kept in least-recently-used order. */
export function createMemoryConversationStore(options: MemoryStoreOptions = {}): ConversationStore {
  const perSession = options.maxMessagesPerSession ?? 1_000;
  const maxSessions = options.maxSessions ?? 10_000;
  const sessions = new Map<string, ConversationMessage[]>();
  const touch = (sessionId: string): ConversationMessage[] => {
    const messages = sessions.get(sessionId) ?? [];
    sessions.delete(sessionId);
    sessions.set(sessionId, messages);
    while (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
    return messages;
  };
  return {
    read: async (sessionId, { limit } = {}) => {
      const messages = sessions.has(sessionId) ? touch(sessionId) : [];
      return (limit === undefined ? messages : messages.slice(Math.max(0, messages.length - limit))).map((m) => ({
        ...m,
      }));
    },
    append: async (sessionId, added) => {
      const messages = touch(sessionId);
      messages.push(...added.map((m) => ConversationMessageSchema.parse(m)));
      if (messages.length > perSession) messages.splice(0, messages.length - perSession);
    },
    clear: async (sessionId) => {
      sessions.delete(sessionId);
    },
  };
}
