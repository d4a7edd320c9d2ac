import { z } from 'zod';

export const ChatTurnSchema = z.object({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  at: z.number(),
  runId: z.string().optional(),
});
export type ChatTurn = z.output<typeof ChatTurnSchema>;

export const ChatSessionSummarySchema = z.object({
  id: z.string(),
  flowId: z.string(),
  turnCount: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ChatSessionSummary = z.output<typeof ChatSessionSummarySchema>;

/** Chat sessions and their turns: what the memory node reads and the chat endpoints append. */
export interface SessionStore {
  /** Appends turns in order, creating the session on first use. */
  append(sessionId: string, flowId: string, turns: readonly ChatTurn[]): Promise<void>;
  /** The last `limit` turns, oldest first. */
  turns(sessionId: string, limit?: number): Promise<ChatTurn[]>;
  get(sessionId: string): Promise<ChatSessionSummary | undefined>;
  list(filter: { flowId?: string; limit?: number }): Promise<ChatSessionSummary[]>;
  delete(sessionId: string): Promise<boolean>;
}
