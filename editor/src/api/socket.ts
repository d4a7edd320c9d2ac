import { type RunEvent, RunEventSchema } from '@tailor/runtime/contract';
import type { Socket } from 'socket.io-client';

export type Subscription = { runId: string; afterSeq?: number } | { flowId: string } | { all: true };

let socket: Socket | null = null;
let loading: Promise<Socket> | null = null;
const listeners = new Set<(event: RunEvent) => void>();
/** Payload factories: a reconnect asks again with what the client has seen by then (the last seq). */
const subscriptions = new Map<string, () => Subscription>();
const resyncListeners = new Set<(runId: string) => void>();
const reconnectListeners = new Set<() => void>();
let everConnected = false;

/** socket.io is loaded on first use, so the flows list and login page do not pay for it. */
async function connect(): Promise<Socket> {
  if (socket) return socket;
  loading ??= import('socket.io-client').then(({ io }) => {
    const s = io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true });
    s.on('run.event', (data: unknown) => {
      const parsed = RunEventSchema.safeParse(data);
      if (!parsed.success) return;
      for (const listener of listeners) listener(parsed.data);
    });
    s.on('run.resync', (data: { runId?: unknown }) => {
      if (typeof data?.runId === 'string') for (const listener of resyncListeners) listener(data.runId);
    });
    // After a reconnect the server has forgotten our rooms: subscribe again.
    s.on('connect', () => {
      for (const payload of subscriptions.values()) s.emit('subscribe', payload());
      if (everConnected) for (const listener of reconnectListeners) listener();
      everConnected = true;
    });
    socket = s;
    return s;
  });
  return loading;
}

function keyOf(subscription: Subscription): string {
  if ('runId' in subscription) return `run:${subscription.runId}`;
  if ('flowId' in subscription) return `flow:${subscription.flowId}`;
  return 'all';
}

/** Joins a room; events of every joined room arrive at every listener (they filter by run id). */
export async function subscribe(subscription: Subscription | (() => Subscription)): Promise<() => void> {
  const s = await connect();
  const payload = typeof subscription === 'function' ? subscription : () => subscription;
  const key = keyOf(payload());
  subscriptions.set(key, payload);
  if (s.connected) s.emit('subscribe', payload());
  return () => {
    // A later subscribe to the same room (React's StrictMode remount) owns it now: leave it joined.
    if (subscriptions.get(key) !== payload) return;
    subscriptions.delete(key);
    s.emit('unsubscribe', payload());
  };
}

export function onRunEvent(listener: (event: RunEvent) => void): () => void {
  listeners.add(listener);
  void connect();
  return () => listeners.delete(listener);
}

/** The server no longer holds a run's early events: the listener reads the run record instead. */
export function onResync(listener: (runId: string) => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

/**
 * Resolves once the server has put this connection in the room, so a list fetched afterwards
 * misses no run: what started before is in the list, what starts after arrives as an event.
 */
export async function joined(subscription: Subscription): Promise<void> {
  const s = await connect();
  await s.emitWithAck('subscribe', subscription);
}

/** After a lost connection: what a list missed meanwhile must be read again. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}
