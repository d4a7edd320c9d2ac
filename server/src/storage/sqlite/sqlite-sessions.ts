import type { ChatSessionSummary, ChatTurn, SessionStore } from '../session-store.js';
import { compact, type SqliteDatabase } from './database.js';

interface SessionRow {
  id: string;
  flow_id: string;
  turn_count: number;
  created_at: number;
  updated_at: number;
}

interface TurnRow {
  role: ChatTurn['role'];
  content: string;
  at: number;
  run_id: string | null;
}

function toSummary(row: SessionRow): ChatSessionSummary {
  return {
    id: row.id,
    flowId: row.flow_id,
    turnCount: row.turn_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createSqliteSessionStore(db: SqliteDatabase): SessionStore {
  const getRow = db.prepare<[string], SessionRow>('SELECT * FROM chat_sessions WHERE id = ?');
  const insertTurn = db.prepare(
    'INSERT INTO chat_turns (session_id, position, role, content, at, run_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const append = db.transaction((sessionId: string, flowId: string, turns: readonly ChatTurn[]) => {
    const now = turns.at(-1)?.at ?? Date.now();
    const existing = getRow.get(sessionId);
    const start = existing?.turn_count ?? 0;
    if (existing) {
      db.prepare('UPDATE chat_sessions SET turn_count = ?, updated_at = ? WHERE id = ?').run(
        start + turns.length,
        now,
        sessionId,
      );
    } else {
      db.prepare(
        'INSERT INTO chat_sessions (id, flow_id, turn_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ).run(sessionId, flowId, turns.length, turns[0]?.at ?? now, now);
    }
    turns.forEach((turn, index) => {
      insertTurn.run(sessionId, start + index, turn.role, turn.content, turn.at, turn.runId ?? null);
    });
  });
  return {
    async append(sessionId, flowId, turns) {
      if (turns.length > 0) append.immediate(sessionId, flowId, turns);
    },
    async turns(sessionId, limit = 1_000) {
      const rows = db
        .prepare<[string, number], TurnRow>(
          'SELECT role, content, at, run_id FROM chat_turns WHERE session_id = ? ORDER BY position DESC LIMIT ?',
        )
        .all(sessionId, limit);
      return rows
        .reverse()
        .map((row) => compact({ role: row.role, content: row.content, at: row.at, runId: row.run_id }) as ChatTurn);
    },
    async get(sessionId) {
      const row = getRow.get(sessionId);
      return row ? toSummary(row) : undefined;
    },
    async list({ flowId, limit = 100 }) {
      const rows =
        flowId === undefined
          ? db.prepare<[number], SessionRow>('SELECT * FROM chat_sessions ORDER BY updated_at DESC LIMIT ?').all(limit)
          : db
              .prepare<[string, number], SessionRow>(
                'SELECT * FROM chat_sessions WHERE flow_id = ? ORDER BY updated_at DESC LIMIT ?',
              )
              .all(flowId, limit);
      return rows.map(toSummary);
    },
    async delete(sessionId) {
      return db.prepare('DELETE FROM chat_sessions WHERE id = ?').run(sessionId).changes > 0;
    },
  };
}
