import { type Catalogue, type RunEvent, type RunHandle, runFlow } from '@tailor/runtime';
import type { RunBus } from '../realtime/run-bus.js';
import type { RunRecorder } from '../runs/run-recorder.js';
import type { RunRequest, ServicesFor } from './executor.js';

export interface FlowRunnerDeps {
  catalogue: Catalogue;
  services: ServicesFor;
  bus: RunBus;
  recorder: RunRecorder;
  /**
   * Hold the run's `run.end` until its record is stored. A worker sets it: a client of another
   * process that hears the end and reads the run must find it ended, not still running.
   */
  announceEndWhenStored?: boolean;
}

/**
 * Runs one request with the engine, publishing each event and recording progress and the end.
 * Shared by the in-process executor and the BullMQ worker. Resolves when the end is recorded.
 */
export function runRequest(request: RunRequest, deps: FlowRunnerDeps): { handle: RunHandle; done: Promise<void> } {
  let heldEnd: RunEvent | undefined;
  const onEvent = (event: RunEvent) => {
    deps.recorder.event(event);
    if (deps.announceEndWhenStored && event.type === 'run.end' && event.runId === request.runId) heldEnd = event;
    else deps.bus.publish({ flowId: request.flowId, event });
  };
  const handle = runFlow(request.document, request.inputs, {
    catalogue: deps.catalogue,
    services: deps.services(request),
    runId: request.runId,
    onEvent,
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    ...(request.pinned ? { pinned: request.pinned } : {}),
  });
  const done = handle.result.then(async (result) => {
    const endedAt = Date.now();
    deps.recorder.finish({
      runId: request.runId,
      status: result.status,
      output: result.output,
      ...(result.error ? { error: result.error } : {}),
      ...(result.record.usage ? { usage: result.record.usage } : {}),
      endedAt,
      durationMs: result.record.durationMs ?? endedAt - request.acceptedAt,
      nodes: result.record.nodes,
    });
    if (heldEnd) {
      await deps.recorder.flush();
      deps.bus.publish({ flowId: request.flowId, event: heldEnd });
    }
  });
  return { handle, done };
}
