import { extractConfigReferences, type FlowDocument } from '@tailor/runtime';
import type { RequestProblem } from '../http/http-error.js';

export interface SingleNodeRun {
  /** The node and the nodes above it, nothing below: only the node itself runs. */
  document: FlowDocument;
  pinned: Record<string, { output: unknown; ports: string[] }>;
}

/** Every node with a path of edges to `nodeId` (not `nodeId` itself). */
export function ancestorsOf(document: Pick<FlowDocument, 'edges'>, nodeId: string): Set<string> {
  const previous = new Map<string, string[]>();
  for (const edge of document.edges) previous.set(edge.to, [...(previous.get(edge.to) ?? []), edge.from]);
  const seen = new Set<string>();
  const stack = [nodeId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const from of previous.get(id) ?? []) {
      if (!seen.has(from) && from !== nodeId) {
        seen.add(from);
        stack.push(from);
      }
    }
  }
  return seen;
}

/** The upstream nodes a node's config refers to with `{{ id… }}`, in the order they appear. */
export function referencedUpstream(document: Pick<FlowDocument, 'nodes' | 'edges'>, nodeId: string): string[] {
  const node = document.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  const above = ancestorsOf(document, nodeId);
  const found = new Set<string>();
  for (const { reference } of extractConfigReferences(node.config))
    if (above.has(reference.root)) found.add(reference.root);
  return [...found];
}

/**
 * Cuts a single-node run out of a flow: the node, with every node above it pinned — to the output
 * the caller gave, or to nothing when the node does not refer to it. Each pinned node fires every
 * port that leads on, so the node is never skipped. An input node the node refers to without a
 * pin runs from the run's inputs. Returns what is wrong instead when a pin is missing or misplaced.
 */
export function singleNodeRun(
  document: FlowDocument,
  nodeId: string,
  pins: Readonly<Record<string, unknown>>,
  hasInputs: boolean,
): { run: SingleNodeRun } | { problems: RequestProblem[] } {
  const above = ancestorsOf(document, nodeId);
  const referenced = new Set(referencedUpstream(document, nodeId));
  const problems: RequestProblem[] = [];
  for (const id of Object.keys(pins)) {
    if (!above.has(id))
      problems.push({ path: ['pins', id], message: `body.pins.${id}: "${id}" is not above node "${nodeId}".` });
  }
  const kept = new Set([...above, nodeId]);
  const edges = document.edges.filter((edge) => kept.has(edge.from) && kept.has(edge.to));
  const pinned: SingleNodeRun['pinned'] = {};
  for (const node of document.nodes) {
    if (!above.has(node.id)) continue;
    const given = Object.hasOwn(pins, node.id);
    if (!given && referenced.has(node.id)) {
      if (node.type === 'input' && hasInputs) continue;
      problems.push({
        path: ['pins', node.id],
        message: `body.pins.${node.id}: node "${nodeId}" refers to "${node.id}"; give its output.`,
        nodeId: node.id,
      });
      continue;
    }
    const ports = [...new Set(edges.filter((edge) => edge.from === node.id).map((edge) => edge.port ?? 'out'))];
    pinned[node.id] = { output: given ? pins[node.id] : null, ports: ports.length > 0 ? ports : ['out'] };
  }
  if (problems.length > 0) return { problems };
  const { ui: _layout, ...rest } = document;
  return {
    run: { document: { ...rest, nodes: document.nodes.filter((node) => kept.has(node.id)), edges }, pinned },
  };
}
