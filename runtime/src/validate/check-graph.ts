import type { Catalogue } from '../contract/catalogue.js';
import type { FlowNode } from '../contract/flow-document.js';
import { formatProblemPath, type ProblemPath } from '../contract/validation-problem.js';
import { collectEdges, type GraphEdge } from './edge-check.js';
import { cycleThrough, type GraphOrder, orderGraph } from './graph-order.js';
import { type NameScope, nestedScope } from './name-scope.js';
import { collectNodes, type GraphNode, type NodeCollection } from './node-entries.js';
import { nodeLabel, type ProblemList } from './problem-list.js';
import { checkReferences } from './reference-check.js';

export interface GraphCheckContext {
  readonly catalogue: Catalogue;
  readonly problems: ProblemList;
  readonly names: NameScope;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function reportCycles(
  order: GraphOrder,
  successors: number[][],
  nodes: NodeCollection,
  edges: readonly GraphEdge[],
  problems: ProblemList,
): void {
  for (const component of order.cyclic) {
    const start = Math.min(...(order.members[component] ?? []));
    const cycle = cycleThrough(start, order, successors).map((slot) => nodes.nodes[slot] as GraphNode);
    const [first] = cycle;
    const last = cycle[cycle.length - 2] ?? first;
    const closing = edges.find((edge) => edge.from === last && edge.to === first);
    if (!first || !closing) continue;
    const names = cycle.map((node) => `"${node.id}"`).join(' → ');
    problems.add(
      'graph.cycle',
      closing.at,
      `The nodes ${names} form a cycle, so none of them could ever start. Remove one of these edges (edge #${closing.index + 1} closes it); to repeat steps, put them in a loop body.`,
      { nodeId: first.id },
    );
  }
}

/** Validates the nested graphs a node declares (a loop's body) and returns its config with them migrated. */
function checkSubgraphs(
  owner: GraphNode,
  nodes: NodeCollection,
  order: GraphOrder,
  context: GraphCheckContext,
): Record<string, unknown> | undefined {
  const definition = owner.definition;
  const config = owner.node?.config;
  if (!definition?.subgraphs || !config || !owner.configValid) return config;
  let nested: ReturnType<NonNullable<typeof definition.subgraphs>>;
  try {
    nested = definition.subgraphs(config);
  } catch {
    return config;
  }
  const updated = { ...config };
  for (const { field, graph, scope } of nested) {
    const at = [...owner.at, 'config', field];
    const names = nestedScope(
      owner,
      scope,
      nodes.byId,
      (node) => node !== owner && order.reaches(node.slot, owner.slot),
      context.names,
    );
    const migrated = checkGraph(graph, at, { ...context, names }, { owner, scope });
    if (migrated && isRecord(graph)) updated[field] = { ...graph, nodes: migrated };
  }
  return updated;
}

function reportShadowing(nodes: NodeCollection, scope: readonly string[], owner: GraphNode, problems: ProblemList) {
  for (const name of scope) {
    const node = nodes.byId.get(name);
    if (!node) continue;
    problems.add(
      'scope.shadowed',
      [...node.at, 'id'],
      `${nodeLabel(node.id, node.type)} inside "${owner.id}" has the same name as "${name}", which ${owner.id} provides to its nested flow; rename the node so {{ ${name} }} stays unambiguous.`,
      { nodeId: node.id },
    );
  }
}

/**
 * Validates one graph (the flow, or a nested body) and returns its nodes migrated and
 * version-stamped; undefined when the graph is not even a list of nodes.
 */
export function checkGraph(
  raw: unknown,
  at: ProblemPath,
  context: GraphCheckContext,
  nestedIn?: { owner: GraphNode; scope: readonly string[] },
): FlowNode[] | undefined {
  const { problems } = context;
  const where = at.length === 0 ? 'The flow' : `"${formatProblemPath(at)}"`;
  if (!isRecord(raw) || !Array.isArray(raw.nodes)) {
    problems.add('document.shape', isRecord(raw) ? [...at, 'nodes'] : at, `${where} needs a "nodes" list.`);
    return undefined;
  }
  const rawEdges = raw.edges ?? [];
  if (!Array.isArray(rawEdges)) problems.add('document.shape', [...at, 'edges'], `${where}: "edges" must be a list.`);
  const nodes = collectNodes(raw.nodes, at, context.catalogue, problems);
  if (nestedIn) reportShadowing(nodes, nestedIn.scope, nestedIn.owner, problems);
  const edges = collectEdges(Array.isArray(rawEdges) ? rawEdges : [], at, nodes, problems);
  const successors: number[][] = nodes.nodes.map(() => []);
  for (const edge of edges) successors[edge.from.slot]?.push(edge.to.slot);
  const order = orderGraph(nodes.nodes.length, successors);
  reportCycles(order, successors, nodes, edges, problems);
  const migrated: FlowNode[] = [];
  for (const node of nodes.nodes) {
    checkReferences(node, { nodes, order, names: context.names, problems });
    const config = checkSubgraphs(node, nodes, order, context);
    if (node.node) migrated.push(config === node.node.config ? node.node : { ...node.node, config: config ?? {} });
  }
  return migrated;
}
