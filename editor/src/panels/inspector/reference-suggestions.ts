import type { FlowGraph, FlowNode } from '@tailor/runtime/contract';
import { type JsonSchema, schemaType, unwrapNullable } from '../../api/json-schema.js';
import type { CatalogueEntry } from '../../api/schemas.js';

/** Every node upstream of `nodeId` (the only names its references may use), nearest first. */
export function ancestorsOf(doc: Pick<FlowGraph, 'edges'>, nodeId: string): string[] {
  const parents = new Map<string, string[]>();
  for (const edge of doc.edges) parents.set(edge.to, [...(parents.get(edge.to) ?? []), edge.from]);
  const seen = new Set<string>();
  const queue = [...(parents.get(nodeId) ?? [])];
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id) || id === nodeId) continue;
    seen.add(id);
    order.push(id);
    queue.push(...(parents.get(id) ?? []));
  }
  return order;
}

export interface OutputPath {
  /** Path after the node id, e.g. `chunks[0].text`; empty for the whole output. */
  path: string;
  type?: string;
  description?: string;
}

const MAX_DEPTH = 3;

function walk(schema: JsonSchema, prefix: string, depth: number, out: OutputPath[]): void {
  const real = unwrapNullable(schema);
  const type = schemaType(real);
  if (prefix !== '') out.push({ path: prefix, type, description: real.description });
  if (depth >= MAX_DEPTH) return;
  if (type === 'object' && real.properties) {
    for (const [key, child] of Object.entries(real.properties)) {
      const segment = /^[A-Za-z_][\w-]*$/.test(key) ? key : `["${key}"]`;
      const joined = prefix === '' ? segment : segment.startsWith('[') ? `${prefix}${segment}` : `${prefix}.${segment}`;
      walk(child, joined, depth + 1, out);
    }
  } else if (type === 'array' && real.items && prefix !== '') {
    walk(real.items, `${prefix}[0]`, depth + 1, out);
  }
}

/**
 * The output's shape as written by the node's schema. Nodes whose shape depends on their config
 * (the input node's fields) only say "a record" in the catalogue; their declared `fields` fill in.
 */
export function outputPaths(entry: CatalogueEntry | undefined, node: FlowNode): OutputPath[] {
  const out: OutputPath[] = [];
  if (entry) walk(entry.outputSchema, '', 0, out);
  const fields = node.config.fields;
  if (out.length === 0 && Array.isArray(fields)) {
    for (const field of fields as { name?: unknown; type?: unknown }[]) {
      if (typeof field?.name === 'string') out.push({ path: field.name, type: String(field.type ?? 'string') });
    }
  }
  return out;
}

export interface Suggestion {
  /** What is inserted after `{{ `, e.g. `kb.text`. */
  label: string;
  nodeId: string;
  type?: string;
  description?: string;
}

export function referenceSuggestions(
  doc: FlowGraph,
  nodeId: string,
  entryOf: (type: string) => CatalogueEntry | undefined,
): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const id of ancestorsOf(doc, nodeId)) {
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) continue;
    suggestions.push({ label: id, nodeId: id, type: 'object' });
    for (const path of outputPaths(entryOf(node.type), node)) {
      const label = path.path.startsWith('[') ? `${id}${path.path}` : `${id}.${path.path}`;
      suggestions.push({ label, nodeId: id, type: path.type, description: path.description });
    }
  }
  return suggestions;
}

/** The partial reference being typed right before the caret, or undefined when not inside `{{ `. */
export function openReference(textBeforeCaret: string): string | undefined {
  const match = /\{\{-?\s*([A-Za-z_][\w.[\]"'-]*)?$/.exec(textBeforeCaret);
  return match ? (match[1] ?? '') : undefined;
}
