import type { RunEvent } from '@tailor/runtime/contract';
import { request } from '../../api/client.js';
import { runsApi } from '../../api/runs.js';
import { RunStartedSchema } from '../../api/schemas.js';
import { onResync, onRunEvent, subscribe } from '../../api/socket.js';
import { saveNow } from '../../state/autosave.js';
import { flowStore } from '../../state/flow-store.js';
import { runStore } from '../../state/run-store.js';

let unsubscribeRun: (() => void) | null = null;
let listening = false;
const endListeners = new Set<(event: RunEvent) => void>();

function listen(): void {
  if (listening) return;
  listening = true;
  onResync((runId) => {
    if (runId === runStore.getState().view.runId)
      void runsApi.get(runId).then((r) => runStore.getState().loadRecord(r));
  });
  onRunEvent((event) => {
    runStore.getState().apply(event);
    if (event.type === 'run.end' && event.runId === runStore.getState().view.runId) {
      for (const listener of endListeners) listener(event);
      // Logs and resolved inputs live only in the record; fetch it once the run is over.
      void runsApi
        .get(event.runId)
        .then((record) => runStore.getState().loadRecord(record))
        .catch(() => undefined);
    }
  });
}

async function follow(runId: string): Promise<void> {
  unsubscribeRun?.();
  runStore.getState().begin(runId);
  // The server replays what happened after afterSeq before joining the live room: nothing is missed,
  // and a reconnect asks only for what came after the last event seen.
  unsubscribeRun = await subscribe(() => {
    const view = runStore.getState().view;
    return { runId, afterSeq: view.runId === runId ? view.lastSeq : 0 };
  });
}

export function onRunEnd(listener: (event: RunEvent) => void): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

/** Saves the draft, starts a run of it and follows its events live. */
export async function startRun(inputs: Record<string, unknown>, sessionId?: string): Promise<string> {
  const doc = flowStore.getState().doc;
  if (!doc) throw new Error('No flow is open.');
  listen();
  await saveNow();
  const { runId } = await runsApi.start(doc.id, { inputs, version: 'draft', ...(sessionId ? { sessionId } : {}) });
  await follow(runId);
  return runId;
}

export async function cancelRun(): Promise<void> {
  const { runId, status } = runStore.getState().view;
  if (runId && status === 'running') await runsApi.cancel(runId);
}

/** Re-runs from a node, reusing the last run's outputs upstream of it. */
export async function rerunFrom(nodeId: string): Promise<void> {
  const { runId } = runStore.getState().view;
  if (!runId) return;
  listen();
  await saveNow();
  const started = await runsApi.rerun(runId, nodeId);
  await follow(started.runId);
}

/**
 * Saves the draft and runs one node alone: the server pins the nodes above it to `pins` (node id →
 * output) and runs nothing below it. The run is followed like any other.
 */
export async function runNodeAlone(nodeId: string, pins: Record<string, unknown>): Promise<string> {
  const doc = flowStore.getState().doc;
  if (!doc) throw new Error('No flow is open.');
  listen();
  await saveNow();
  const path = `/api/flows/${encodeURIComponent(doc.id)}/nodes/${encodeURIComponent(nodeId)}/run`;
  const { runId } = await request(RunStartedSchema, path, { method: 'POST', body: { pins } });
  await follow(runId);
  return runId;
}
