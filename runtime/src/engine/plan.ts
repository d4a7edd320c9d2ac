import type { Catalogue } from '../contract/catalogue.js';
import { TailorError } from '../contract/error-codes.js';
import { DEFAULT_PORT, type FlowGraph, type FlowNode } from '../contract/flow-document.js';
import type { AnyNodeDefinition } from '../contract/node-definition.js';
import { type CompiledValue, compileValue, containsTemplate } from '../template/resolve.js';

export interface PlannedEdge {
  readonly target: number;
  readonly port: string;
}

export interface PlannedNode {
  readonly index: number;
  readonly node: FlowNode;
  readonly definition: AnyNodeDefinition;
  /** Resolves the config's {{ }} references (raw fields are passed through as written). */
  readonly resolveConfig: CompiledValue;
  /** True when the config holds no {{ }} outside raw fields: it parses the same way every run. */
  readonly staticConfig: boolean;
  readonly incoming: number;
  readonly outgoing: readonly PlannedEdge[];
}

/** A graph prepared for running: definitions looked up, templates parsed, edges indexed. */
export interface GraphPlan {
  readonly nodes: readonly PlannedNode[];
  readonly byId: ReadonlyMap<string, PlannedNode>;
}

const plans = new WeakMap<Catalogue, WeakMap<FlowGraph, GraphPlan>>();

/** Plans a graph once per (catalogue, graph) object; loop bodies are planned once, not per item. */
export function planGraph(graph: FlowGraph, catalogue: Catalogue): GraphPlan {
  let cache = plans.get(catalogue);
  if (!cache) {
    cache = new WeakMap();
    plans.set(catalogue, cache);
  }
  let plan = cache.get(graph);
  if (!plan) {
    plan = buildPlan(graph, catalogue);
    cache.set(graph, plan);
  }
  return plan;
}

function buildPlan(graph: FlowGraph, catalogue: Catalogue): GraphPlan {
  const indexById = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    if (indexById.has(node.id)) throw invalid(`Two nodes have the id "${node.id}".`);
    indexById.set(node.id, index);
  });
  const incoming = new Array<number>(graph.nodes.length).fill(0);
  const outgoing: PlannedEdge[][] = graph.nodes.map(() => []);
  for (const edge of graph.edges ?? []) {
    const from = indexById.get(edge.from);
    const to = indexById.get(edge.to);
    if (from === undefined || to === undefined) {
      throw invalid(`The edge ${edge.from} → ${edge.to} connects a node that does not exist.`);
    }
    outgoing[from]?.push({ target: to, port: edge.port ?? DEFAULT_PORT });
    incoming[to] = (incoming[to] ?? 0) + 1;
  }
  const nodes = graph.nodes.map((node, index): PlannedNode => {
    const definition = catalogue.get(node.type);
    if (!definition) throw invalid(`Node "${node.id}" has the unknown type "${node.type}".`);
    return {
      index,
      node,
      definition,
      resolveConfig: compileConfig(node, definition),
      staticConfig: !Object.entries(node.config).some(
        ([key, value]) => !(definition.rawFields ?? []).includes(key) && containsTemplate(value),
      ),
      incoming: incoming[index] ?? 0,
      outgoing: outgoing[index] ?? [],
    };
  });
  assertAcyclic(nodes);
  return { nodes, byId: new Map(nodes.map((planned) => [planned.node.id, planned])) };
}

function compileConfig(node: FlowNode, definition: AnyNodeDefinition): CompiledValue {
  const raw = new Set(definition.rawFields ?? []);
  const compiled = Object.entries(node.config).map(([key, value]) => {
    return [key, raw.has(key) ? () => value : compileValue(value, `node "${node.id}" field "${key}"`)] as const;
  });
  return (scope) => {
    const config: Record<string, unknown> = {};
    for (const [key, resolve] of compiled) config[key] = resolve(scope);
    return config;
  };
}

/** Kahn's algorithm; what is left over lies on or behind a cycle. */
function assertAcyclic(nodes: readonly PlannedNode[]): void {
  const remaining = nodes.map((planned) => planned.incoming);
  const queue = nodes.filter((planned) => planned.incoming === 0).map((planned) => planned.index);
  let visited = 0;
  for (let head = 0; head < queue.length; head++) {
    visited++;
    for (const edge of nodes[queue[head] as number]?.outgoing ?? []) {
      remaining[edge.target] = (remaining[edge.target] ?? 0) - 1;
      if (remaining[edge.target] === 0) queue.push(edge.target);
    }
  }
  if (visited < nodes.length) {
    const stuck = nodes.filter((planned) => (remaining[planned.index] ?? 0) > 0).map((planned) => planned.node.id);
    throw invalid(`The flow has a cycle through: ${stuck.join(', ')}.`);
  }
}

function invalid(message: string): TailorError {
  return new TailorError('FLOW_INVALID', message);
}
