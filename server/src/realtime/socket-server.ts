import type { Server as HttpServer } from 'node:http';
import type { RunEvent } from '@tailor/runtime';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { AdminAuth } from '../auth/admin-auth.js';
import type { RunBus } from './run-bus.js';

const SubscribeSchema = z.union([
  z.object({ runId: z.string().min(1), afterSeq: z.number().int().min(0).default(0) }),
  z.object({ flowId: z.string().min(1) }),
  z.object({ all: z.literal(true) }),
  z.object({ evaluationId: z.string().min(1) }),
  z.object({ evaluations: z.literal(true) }),
]);

/** Progress of evaluations running in this process (the evaluation service). */
export interface EvaluationProgressSource {
  subscribe(listener: (summary: { id: string; flowId: string }) => void): () => void;
}

type Ack = (reply: { ok: boolean; error?: string }) => void;

const runRoom = (runId: string) => `run:${runId}`;
const flowRoom = (flowId: string) => `flow:${flowId}`;
const ALL_ROOM = 'all';
const evaluationRoom = (id: string) => `evaluation:${id}`;
const EVALUATIONS_ROOM = 'evaluations';

/**
 * Live run events over socket.io: rooms per run, per flow and one for all runs. Only the signed-in
 * admin may connect (session cookie, or `auth: { token }` with an admin token).
 */
export function attachSocketServer(
  http: HttpServer,
  deps: { bus: RunBus; adminAuth: AdminAuth; evaluations?: EvaluationProgressSource },
): Server {
  const io = new Server(http, { path: '/socket.io', serveClient: false });
  io.use(async (socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const headers = token
      ? { ...socket.handshake.headers, authorization: `Bearer ${token}` }
      : socket.handshake.headers;
    const via = await deps.adminAuth.identify({ headers }).catch(() => undefined);
    next(via ? undefined : new Error('Sign in to the editor first (or pass an admin token).'));
  });
  const unsubscribe = deps.bus.subscribeAll(({ flowId, event }) => {
    if (io.engine.clientsCount === 0) return;
    io.to([runRoom(event.runId), flowRoom(flowId), ALL_ROOM]).emit('run.event', event);
  });
  // `evaluation.progress`: the evaluation's summary as each item ends, and once more when it ends.
  const unsubscribeEvaluations = deps.evaluations?.subscribe((summary) => {
    if (io.engine.clientsCount === 0) return;
    io.to([evaluationRoom(summary.id), EVALUATIONS_ROOM]).emit('evaluation.progress', summary);
  });
  io.on('connection', (socket) => {
    socket.on('subscribe', (payload: unknown, ack?: Ack) => {
      void subscribe(socket, deps.bus, payload).then(
        () => ack?.({ ok: true }),
        (error: unknown) => ack?.({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    });
    socket.on('unsubscribe', (payload: unknown, ack?: Ack) => {
      const parsed = SubscribeSchema.safeParse(payload);
      if (parsed.success) void socket.leave(roomOf(parsed.data));
      ack?.({ ok: parsed.success });
    });
  });
  io.engine.on('close', () => undefined);
  const close = io.close.bind(io);
  io.close = (fn) => {
    unsubscribe();
    unsubscribeEvaluations?.();
    return close(fn);
  };
  return io;
}

function roomOf(subscription: z.output<typeof SubscribeSchema>): string {
  if ('runId' in subscription) return runRoom(subscription.runId);
  if ('flowId' in subscription) return flowRoom(subscription.flowId);
  if ('evaluationId' in subscription) return evaluationRoom(subscription.evaluationId);
  if ('evaluations' in subscription) return EVALUATIONS_ROOM;
  return ALL_ROOM;
}

async function subscribe(socket: Socket, bus: RunBus, payload: unknown): Promise<void> {
  const parsed = SubscribeSchema.safeParse(payload);
  if (!parsed.success) throw new Error('subscribe with { runId, afterSeq? }, { flowId } or { all: true }');
  const subscription = parsed.data;
  if (!('runId' in subscription)) {
    await socket.join(roomOf(subscription));
    return;
  }
  await resumeRun(socket, bus, subscription.runId, subscription.afterSeq);
}

/**
 * Sends what the client missed after `afterSeq`, then joins the live room, with no gap and no
 * duplicate: live events are buffered while the history is read, and the merge, the sends and
 * the join happen in one synchronous step.
 */
async function resumeRun(socket: Socket, bus: RunBus, runId: string, afterSeq: number): Promise<void> {
  const buffered: RunEvent[] = [];
  const stop = bus.subscribeRun(runId, ({ event }) => buffered.push(event));
  try {
    const history = await bus.history(runId, afterSeq);
    if (!history.complete)
      socket.emit('run.resync', { runId, reason: 'older events are gone; read GET /api/runs/:id' });
    let last = afterSeq;
    const missed = [...history.events, ...buffered].sort((a, b) => a.seq - b.seq);
    for (const event of missed) {
      if (event.seq <= last) continue;
      socket.emit('run.event', event);
      last = event.seq;
    }
    void socket.join(runRoom(runId));
  } finally {
    stop();
  }
}
