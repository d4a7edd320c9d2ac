import type { FlowDocument, FlowEdge } from '@tailor/runtime/contract';

type Graph = Pick<FlowDocument, 'nodes' | 'edges'>;

/** Every node from which `nodeId` can be reached: wiring `nodeId` to one of them would close a cycle. */
function ancestorsOf(graph: Graph, nodeId: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge.from]);
  const seen = new Set<string>();
  const stack = [nodeId];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    for (const from of incoming.get(current) ?? []) {
      if (seen.has(from)) continue;
      seen.add(from);
      stack.push(from);
    }
  }
  return seen;
}

/**
 * The nodes a keyboard user may wire `nodeId`'s `port` to: not itself, not a node above it (the
 * flow would loop), not one that port already reaches. Sorted by reference name.
 */
export function connectionTargets(graph: Graph, nodeId: string, port: string): string[] {
  const above = ancestorsOf(graph, nodeId);
  const wired = new Set(graph.edges.filter((e) => e.from === nodeId && (e.port ?? 'out') === port).map((e) => e.to));
  return graph.nodes
    .map((node) => node.id)
    .filter((id) => id !== nodeId && !above.has(id) && !wired.has(id))
    .sort((a, b) => a.localeCompare(b));
}

/** The edge that wires `port` of `from` to `to`; the default port is left out, as the canvas does. */
export function connectionEdge(from: string, port: string, to: string): FlowEdge {
  return port === 'out' ? { from, to } : { from, to, port };
}

/** The edges leaving a node, in document order. */
export function outgoingEdges(graph: Graph, nodeId: string): FlowEdge[] {
  return graph.edges.filter((edge) => edge.from === nodeId);
}
