import type { ConversationStore } from '@tailor/nodes';
import type { SessionStore } from '../storage/session-store.js';

/** The memory node's conversation store, kept in the server's sessions (one per run: it knows the flow). */
export function sessionConversations(sessions: SessionStore, flowId: string): ConversationStore {
  return {
    async read(sessionId, options = {}) {
      const turns = await sessions.turns(sessionId, options.limit);
      return turns.flatMap((turn) =>
        turn.role === 'system'
          ? []
          : [{ role: turn.role, content: turn.content, at: turn.at, ...(turn.runId ? { runId: turn.runId } : {}) }],
      );
    },
    async append(sessionId, messages) {
      await sessions.append(sessionId, flowId, messages);
    },
    async clear(sessionId) {
      await sessions.delete(sessionId);
    },
  };
}
