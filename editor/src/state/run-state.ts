import type { LogEntry, NodeStatus, RunEvent, RunEventOf, RunStatus, TokenUsage } from '@tailor/runtime/contract';

type RunError = RunEventOf<'run.end'>['error'];

/** What the canvas and the run panel show for one node of the current run. */
export interface NodeRunView {
  status: NodeStatus;
  startedAt?: number;
  durationMs?: number;
  attempt: number;
  output?: unknown;
  ports?: string[];
  error?: RunError;
  handled?: 'fail' | 'port' | 'fallback';
  skipReason?: string;
  usage?: TokenUsage;
  /** Text streamed by `node.delta` events, in order. */
  text: string;
  /** Nested nodes (loop items, agent tool calls) that finished under this node. */
  nestedDone: number;
  pinned?: boolean;
  /** Filled from the run record once the run has ended: events carry no logs. */
  logs?: LogEntry[];
  config?: unknown;
}

export interface RunView {
  runId: string | null;
  status: RunStatus | 'idle';
  /** Last applied event sequence number: later duplicates and replays are ignored. */
  lastSeq: number;
  startedAt?: number;
  durationMs?: number;
  inputs?: Record<string, unknown>;
  output?: unknown;
  error?: RunError;
  usage?: TokenUsage;
  nodes: Record<string, NodeRunView>;
}

export const IDLE_RUN: RunView = { runId: null, status: 'idle', lastSeq: 0, nodes: {} };

const emptyNode: NodeRunView = { status: 'pending', attempt: 0, text: '', nestedDone: 0 };

function patchNode(view: RunView, nodeId: string, patch: Partial<NodeRunView>): RunView {
  const node = view.nodes[nodeId] ?? emptyNode;
  return { ...view, nodes: { ...view.nodes, [nodeId]: { ...node, ...patch } } };
}

/** Events of nested bodies only count toward their top-level node; the canvas shows top-level nodes. */
function applyNested(view: RunView, event: RunEvent & { scope?: string[] }): RunView {
  const owner = event.scope?.[0];
  if (!owner || event.type !== 'node.end') return view;
  const node = view.nodes[owner] ?? emptyNode;
  return patchNode(view, owner, { nestedDone: node.nestedDone + 1 });
}

function applyNodeEvent(view: RunView, event: Exclude<RunEvent, { type: 'run.start' | 'run.end' }>): RunView {
  switch (event.type) {
    case 'node.start':
      return patchNode(view, event.nodeId, {
        status: 'running',
        startedAt: event.at,
        attempt: event.attempt,
        error: undefined,
        text: event.attempt > 1 ? '' : (view.nodes[event.nodeId]?.text ?? ''),
      });
    case 'node.delta': {
      if (event.text === undefined) return view;
      const text = (view.nodes[event.nodeId]?.text ?? '') + event.text;
      return patchNode(view, event.nodeId, { text });
    }
    case 'node.end':
      return patchNode(view, event.nodeId, {
        status: 'succeeded',
        output: event.output,
        ports: event.ports,
        durationMs: event.durationMs,
        attempt: event.attempts,
        usage: event.usage,
        pinned: event.pinned,
      });
    case 'node.skip':
      return patchNode(view, event.nodeId, { status: 'skipped', skipReason: event.reason });
    case 'node.error':
      return patchNode(view, event.nodeId, {
        status: 'failed',
        error: event.error,
        handled: event.handled,
        attempt: event.attempts,
        durationMs: event.durationMs,
      });
  }
}

/**
 * Folds one run event into the view of a run. Pure: the same events in the same order always give
 * the same view, so the live canvas, a replay and a test agree.
 */
export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  if (event.type === 'run.start') {
    if (view.runId === event.runId && view.lastSeq >= event.seq) return view;
    return {
      runId: event.runId,
      status: 'running',
      lastSeq: event.seq,
      startedAt: event.at,
      inputs: event.inputs,
      nodes: {},
    };
  }
  if (view.runId !== null && event.runId !== view.runId) return view;
  if (event.seq <= view.lastSeq) return view;
  const next = { ...view, runId: event.runId, lastSeq: event.seq };
  if (event.type === 'run.end') {
    return {
      ...next,
      status: event.status,
      output: event.output,
      error: event.error,
      durationMs: event.durationMs,
      usage: event.usage,
    };
  }
  if (event.scope && event.scope.length > 0) return applyNested(next, event);
  return applyNodeEvent(next, event);
}

/** The view of a run that has not produced events yet (just started by the editor). */
export function startingRun(runId: string): RunView {
  return { ...IDLE_RUN, runId, status: 'running' };
}
