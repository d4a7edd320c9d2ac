import type { z } from 'zod';
import { DEFAULT_PORT, ERROR_PORT, FlowEdgeSchema } from '../contract/flow-document.js';
import type { ProblemPath } from '../contract/validation-problem.js';
import { didYouMean, listNames } from './closest-name.js';
import type { GraphNode, NodeCollection } from './node-entries.js';
import type { ProblemList } from './problem-list.js';
import { parseExplained } from './zod-messages.js';

export interface GraphEdge {
  readonly index: number;
  /** Path of the edge in the document. */
  readonly at: ProblemPath;
  readonly from: GraphNode;
  readonly to: GraphNode;
  readonly port: string;
}

function portProblem(edge: { port?: string }, from: GraphNode, label: string): string | undefined {
  const ports = from.ports;
  const port = edge.port ?? DEFAULT_PORT;
  if (!ports || ports.includes(port)) return undefined;
  const node = from.type ? `"${from.id}" (${from.type})` : `"${from.id}"`;
  if (port === ERROR_PORT) {
    return `${label} leaves ${node} by its "${ERROR_PORT}" port, which fires only when the node's error policy routes there: set "onError" of "${from.id}" to "port".`;
  }
  if (ports.length === 0) return `${label} leaves ${node}, which has no output ports, so no edge can start there.`;
  if (edge.port === undefined) {
    return `${label} leaves ${node} without naming a port, so it uses "${DEFAULT_PORT}", which "${from.id}" does not have; name one of its ports: ${listNames([...ports])}.`;
  }
  return `${label} leaves ${node} by the port "${port}", which it does not have.${didYouMean(port, ports)} Its ports are: ${listNames([...ports])}.`;
}

function endpoint(
  id: string,
  side: 'from' | 'to',
  label: string,
  at: ProblemPath,
  nodes: NodeCollection,
  problems: ProblemList,
): GraphNode | undefined {
  const node = nodes.byId.get(id);
  if (node) return node;
  const verb = side === 'from' ? 'starts at' : 'goes to';
  problems.add(
    'edge.missing-node',
    [...at, side],
    `${label} ${verb} "${id}", which is not a node here.${didYouMean(id, nodes.byId.keys())}`,
  );
  return undefined;
}

/** Checks each edge on its own: shape, both ends, the port it leaves by, repeats. */
export function collectEdges(
  raw: readonly unknown[],
  graphAt: ProblemPath,
  nodes: NodeCollection,
  problems: ProblemList,
): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const seen = new Map<string, number>();
  for (const [index, element] of raw.entries()) {
    const at = [...graphAt, 'edges', index];
    const label = `Edge #${index + 1}`;
    const parsed = parseExplained(FlowEdgeSchema, element);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reportShape(issue, at, label, problems);
      continue;
    }
    const edge = parsed.data;
    const from = endpoint(edge.from, 'from', label, at, nodes, problems);
    const to = endpoint(edge.to, 'to', label, at, nodes, problems);
    if (!from || !to) continue;
    const wrongPort = portProblem(edge, from, label);
    if (wrongPort) problems.add('edge.unknown-port', [...at, 'port'], wrongPort, { nodeId: from.id });
    const key = `${edge.from}\u0000${edge.port ?? DEFAULT_PORT}\u0000${edge.to}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.add(
        'edge.duplicate',
        at,
        `${label} repeats edge #${earlier + 1} (from "${edge.from}" to "${edge.to}"); one is enough.`,
        { warning: true },
      );
      continue;
    }
    seen.set(key, index);
    edges.push({ index, at, from, to, port: edge.port ?? DEFAULT_PORT });
  }
  return edges;
}

function reportShape(issue: z.core.$ZodIssue, at: ProblemPath, label: string, problems: ProblemList): void {
  const field = issue.path.map(String).join('.');
  const sentence = field ? `${label}: "${field}" ${issue.message}.` : `${label} ${issue.message}.`;
  problems.add('document.shape', [...at, ...(issue.path as (string | number)[])], sentence);
}
