import type { FlowDocument, FlowEdge, FlowNode } from '@tailor/runtime/contract';
import type { JsonSchema } from '../api/json-schema.js';
import type { CatalogueEntry } from '../api/schemas.js';
import type { XY } from '../state/flow-changes.js';

/** A fresh id from the type name: `model`, then `model_2`, `model_3` … (valid reference names). */
export function nextNodeId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z_])/, '_$1') || 'node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/_\d+$/, '');
  for (let n = 2; ; n += 1) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

/** The defaults a config schema declares, so a dropped node starts with sensible settings. */
export function defaultsOf(schema: JsonSchema): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) config[key] = structuredClone(property.default);
    else if (property.type === 'object' && property.properties && schema.required?.includes(key)) {
      config[key] = defaultsOf(property);
    }
  }
  return config;
}

export function newNode(entry: CatalogueEntry, doc: FlowDocument): FlowNode {
  const taken = new Set(doc.nodes.map((n) => n.id));
  return {
    id: nextNodeId(entry.type, taken),
    type: entry.type,
    version: entry.version,
    config: defaultsOf(entry.configSchema),
    onError: 'fail',
  };
}

export interface Fragment {
  nodes: FlowNode[];
  edges: FlowEdge[];
  positions: Record<string, XY>;
}

/** Copies nodes and the edges between them; pasting gives them fresh ids and an offset. */
export function cutFragment(doc: FlowDocument, ids: ReadonlySet<string>): Fragment {
  const positions: Record<string, XY> = {};
  for (const id of ids) {
    const xy = doc.ui?.positions?.[id];
    if (xy) positions[id] = xy;
  }
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    positions,
  };
}

export function relabelFragment(fragment: Fragment, doc: FlowDocument, offset: XY): Fragment {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const node of fragment.nodes) {
    const id = nextNodeId(node.id, taken);
    taken.add(id);
    rename.set(node.id, id);
  }
  const to = (id: string): string => rename.get(id) ?? id;
  const positions: Record<string, XY> = {};
  for (const [id, xy] of Object.entries(fragment.positions)) {
    positions[to(id)] = { x: xy.x + offset.x, y: xy.y + offset.y };
  }
  return {
    nodes: fragment.nodes.map((n) => ({ ...n, id: to(n.id) })),
    edges: fragment.edges.map((e) => ({ ...e, from: to(e.from), to: to(e.to) })),
    positions,
  };
}
