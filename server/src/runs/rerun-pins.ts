import type { FlowDocument, NodeRecord } from '@tailor/runtime';

/** `fromNode` and every node reachable from it along edges. */
export function downstreamOf(document: Pick<FlowDocument, 'edges'>, fromNode: string): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of document.edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const seen = new Set([fromNode]);
  const stack = [fromNode];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const to of next.get(id) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}

/**
 * Re-run from a node: every node the recorded run completed that is not `fromNode` or below it
 * keeps its recorded output (and fired ports); the rest runs again.
 */
export function pinsForRerun(
  document: Pick<FlowDocument, 'edges'>,
  nodes: readonly NodeRecord[],
  fromNode: string,
): Record<string, { output: unknown; ports?: string[] }> {
  const rerun = downstreamOf(document, fromNode);
  const pins: Record<string, { output: unknown; ports?: string[] }> = {};
  for (const node of nodes) {
    if (rerun.has(node.nodeId) || node.status !== 'succeeded') continue;
    pins[node.nodeId] = node.ports ? { output: node.output, ports: node.ports } : { output: node.output };
  }
  return pins;
}
