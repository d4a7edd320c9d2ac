import type { Connection } from 'mongoose';
import type { ChatSessionSummary, ChatTurn, SessionStore } from '../session-store.js';
import type { ChatSessionDoc, ChatTurnDoc, MongoModels } from './models.js';

function toSummary(doc: ChatSessionDoc): ChatSessionSummary {
  return {
    id: doc._id,
    flowId: doc.flowId,
    turnCount: doc.turnCount,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function createMongoSessionStore(connection: Connection, models: MongoModels): SessionStore {
  const { sessions, turns } = models;
  return {
    async append(sessionId, flowId, newTurns) {
      if (newTurns.length === 0) return;
      const now = newTurns.at(-1)?.at ?? Date.now();
      await connection.transaction(async (session) => {
        // $inc reserves the positions atomically; the unique (sessionId, position) index backs it up.
        const updated = await sessions
          .findOneAndUpdate(
            { _id: sessionId },
            {
              $inc: { turnCount: newTurns.length },
              $set: { updatedAt: now },
              $setOnInsert: { flowId, createdAt: newTurns[0]?.at ?? now },
            },
            { upsert: true, returnDocument: 'after', session },
          )
          .lean<ChatSessionDoc>();
        const start = (updated?.turnCount ?? newTurns.length) - newTurns.length;
        const docs: ChatTurnDoc[] = newTurns.map((turn, index) => ({ sessionId, position: start + index, ...turn }));
        await turns.insertMany(docs, { session });
      });
    },
    async turns(sessionId, limit = 1_000) {
      const docs = await turns.find({ sessionId }).sort({ position: -1 }).limit(limit).lean<ChatTurnDoc[]>();
      return docs.reverse().map(
        (doc): ChatTurn => ({
          role: doc.role as ChatTurn['role'],
          content: doc.content,
          at: doc.at,
          ...(doc.runId ? { runId: doc.runId } : {}),
        }),
      );
    },
    async get(sessionId) {
      const doc = await sessions.findById(sessionId).lean<ChatSessionDoc>();
      return doc ? toSummary(doc) : undefined;
    },
    async list({ flowId, limit = 100 }) {
      const docs = await sessions
        .find(flowId === undefined ? {} : { flowId })
        .sort({ updatedAt: -1 })
        .limit(limit)
        .lean<ChatSessionDoc[]>();
      return docs.map(toSummary);
    },
    async delete(sessionId) {
      return connection.transaction(async (session) => {
        await turns.deleteMany({ sessionId }, { session });
        return (await sessions.deleteOne({ _id: sessionId }, { session })).deletedCount > 0;
      });
    },
  };
}
