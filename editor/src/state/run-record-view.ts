import type { RunRecord } from '@tailor/runtime/contract';
import type { NodeRunView, RunView } from './run-state.js';

/**
 * A stored run as the same view live events build, plus what only the record holds (logs,
 * resolved inputs). Used when a run has ended and to open an earlier run.
 */
export function runViewFromRecord(record: RunRecord, live?: RunView): RunView {
  const nodes: Record<string, NodeRunView> = {};
  for (const node of record.nodes) {
    const seen = live?.runId === record.id ? live.nodes[node.nodeId] : undefined;
    nodes[node.nodeId] = {
      status: node.status,
      startedAt: node.startedAt,
      durationMs: node.durationMs,
      attempt: node.attempts,
      output: node.output,
      ports: node.ports,
      error: node.error,
      handled: node.handled,
      skipReason: node.skipReason,
      usage: node.usage,
      pinned: node.pinned,
      text: seen?.text ?? '',
      nestedDone: seen?.nestedDone ?? node.children?.length ?? 0,
      logs: node.logs,
      config: node.config,
    };
  }
  return {
    runId: record.id,
    status: record.status,
    lastSeq: live?.runId === record.id ? live.lastSeq : 0,
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    inputs: record.inputs,
    output: record.output,
    error: record.error,
    usage: record.usage,
    nodes,
  };
}
