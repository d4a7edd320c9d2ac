import type { NodeRecord } from '@tailor/runtime/contract';

/** One node of the flow as two runs saw it. */
export interface NodeDiff {
  nodeId: string;
  a?: NodeRecord;
  b?: NodeRecord;
  statusChanged: boolean;
  outputChanged: boolean;
  /** b − a, when both ran. */
  durationDeltaMs?: number;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * The top-level nodes of two runs of one flow side by side, in the order of the first run then
 * the nodes only the second has: what changed status, output or time.
 */
export function diffRuns(a: { nodes: NodeRecord[] }, b: { nodes: NodeRecord[] }): NodeDiff[] {
  const byId = new Map(b.nodes.map((node) => [node.nodeId, node]));
  const ids = [
    ...a.nodes.map((n) => n.nodeId),
    ...b.nodes.map((n) => n.nodeId).filter((id) => !a.nodes.some((n) => n.nodeId === id)),
  ];
  const left = new Map(a.nodes.map((node) => [node.nodeId, node]));
  return ids.map((nodeId) => {
    const x = left.get(nodeId);
    const y = byId.get(nodeId);
    const both = x?.durationMs !== undefined && y?.durationMs !== undefined;
    return {
      nodeId,
      ...(x ? { a: x } : {}),
      ...(y ? { b: y } : {}),
      statusChanged: x?.status !== y?.status,
      outputChanged: !same(x?.output, y?.output),
      ...(both ? { durationDeltaMs: (y?.durationMs ?? 0) - (x?.durationMs ?? 0) } : {}),
    };
  });
}
