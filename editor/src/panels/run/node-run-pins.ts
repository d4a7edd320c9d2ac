import type { FlowDocument } from '@tailor/runtime/contract';
import type { RunView } from '../../state/run-state.js';

/** Every node with a path of edges to `nodeId`. */
export function nodesAbove(doc: Pick<FlowDocument, 'edges'>, nodeId: string): Set<string> {
  const previous = new Map<string, string[]>();
  for (const edge of doc.edges) previous.set(edge.to, [...(previous.get(edge.to) ?? []), edge.from]);
  const seen = new Set<string>();
  const stack = [nodeId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const from of previous.get(id) ?? []) {
      if (from !== nodeId && !seen.has(from)) {
        seen.add(from);
        stack.push(from);
      }
    }
  }
  return seen;
}

/** Names read inside `{{ … }}` and `{% … %}`: the first name of each dotted or indexed path. */
const TAG = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const ROOT = /(?<![\w.\]'"-])([A-Za-z_][\w-]*)(?=\s*(?:\.|\[|\||\}|$|\s))/g;

function collectRoots(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const tag of value.matchAll(TAG))
      for (const name of (tag[1] ?? tag[2] ?? '').matchAll(ROOT)) into.add(name[1] ?? '');
  } else if (Array.isArray(value)) {
    for (const item of value) collectRoots(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectRoots(item, into);
  }
}

/** The nodes above `nodeId` that its config refers to, in flow order. */
export function referencedAbove(doc: Pick<FlowDocument, 'nodes' | 'edges'>, nodeId: string): string[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  const names = new Set<string>();
  collectRoots(node.config, names);
  const above = nodesAbove(doc, nodeId);
  return doc.nodes.map((n) => n.id).filter((id) => above.has(id) && names.has(id));
}

/**
 * The pinned inputs offered for running a node alone: for each node above it that it refers to,
 * that node's output in the last run (`null` when the last run has none, for the analyst to fill).
 */
export function prefillPins(
  doc: Pick<FlowDocument, 'nodes' | 'edges'>,
  nodeId: string,
  lastRun: Pick<RunView, 'nodes'>,
): Record<string, unknown> {
  const pins: Record<string, unknown> = {};
  for (const id of referencedAbove(doc, nodeId)) pins[id] = lastRun.nodes[id]?.output ?? null;
  return pins;
}

/** Reads the edited JSON: an object of node id → output, or the reason it is not one. */
export function parsePins(text: string): { pins: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { error: 'expected an object of node id → output' };
  return { pins: value as Record<string, unknown> };
}
