import type { RunEvent } from '@tailor/runtime';

/** A run event with the flow it belongs to, so it can be routed to the flow's room. */
export interface RunEnvelope {
  flowId: string;
  event: RunEvent;
}

export type EnvelopeListener = (envelope: RunEnvelope) => void;

/**
 * Where run events travel from whoever runs a flow to whoever watches it: in one process, or
 * across machines through Redis. Listeners of one run are kept apart so that thousands of runs
 * at once cost one map lookup per event, not one call per listener.
 */
export interface RunBus {
  publish(envelope: RunEnvelope): void;
  /** Every event of every run (socket.io's flow and "all" rooms). */
  subscribeAll(listener: EnvelopeListener): () => void;
  /** The events of one run, from now on. */
  subscribeRun(runId: string, listener: EnvelopeListener): () => void;
  /**
   * The run's events with `seq > afterSeq` that the bus still holds, in order; `complete` is false
   * when older events were already dropped (the client should read the stored record instead).
   */
  history(runId: string, afterSeq: number): Promise<{ events: RunEvent[]; complete: boolean }>;
  close(): Promise<void>;
}
