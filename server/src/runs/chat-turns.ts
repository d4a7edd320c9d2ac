import type { SessionStore } from '../storage/session-store.js';
import { answerText } from './answer-nodes.js';

/**
 * After a chat run: the user's message and the answer become the session's next turns — unless
 * the flow's memory node already kept this run's turn itself.
 */
export async function recordChatTurns(
  sessions: SessionStore,
  turn: { sessionId: string; flowId: string; runId: string; message: string; output: unknown; startedAt: number },
): Promise<void> {
  const recent = await sessions.turns(turn.sessionId, 4);
  if (recent.some((kept) => kept.runId === turn.runId)) return;
  await sessions.append(turn.sessionId, turn.flowId, [
    { role: 'user', content: turn.message, at: turn.startedAt, runId: turn.runId },
    { role: 'assistant', content: answerText(turn.output), at: Date.now(), runId: turn.runId },
  ]);
}
