import type { FlowDocument, FlowEdge, FlowNode } from '@tailor/runtime/contract';
import { renameReferences } from './rename-references.js';

export interface XY {
  x: number;
  y: number;
}

/** The node settings an inspector edit may change, beside `config`. */
export type NodePatch = Partial<Pick<FlowNode, 'name' | 'timeoutMs' | 'retry' | 'onError' | 'fallback' | 'config'>>;

/**
 * Every edit of a flow is one of these small typed changes. `applyChange` is pure and returns the
 * change that undoes it, so undo/redo is a stack of changes, never a stack of whole documents.
 */
export type FlowChange =
  | { kind: 'nodes.add'; nodes: FlowNode[]; edges: FlowEdge[]; positions: Record<string, XY> }
  | { kind: 'nodes.remove'; ids: string[] }
  | { kind: 'nodes.move'; positions: Record<string, XY> }
  | { kind: 'node.update'; id: string; patch: NodePatch }
  | { kind: 'node.rename'; id: string; to: string }
  | { kind: 'edges.add'; edges: FlowEdge[] }
  | { kind: 'edges.remove'; edges: FlowEdge[] }
  | { kind: 'flow.meta'; name?: string; description?: string; settings?: FlowDocument['settings'] }
  | { kind: 'batch'; changes: FlowChange[] };

export interface Applied {
  doc: FlowDocument;
  inverse: FlowChange;
}

export function sameEdge(a: FlowEdge, b: FlowEdge): boolean {
  return a.from === b.from && a.to === b.to && (a.port ?? 'out') === (b.port ?? 'out');
}

export function positionsOf(doc: FlowDocument): Record<string, XY> {
  return doc.ui?.positions ?? {};
}

function withPositions(doc: FlowDocument, positions: Record<string, XY>): FlowDocument {
  return { ...doc, ui: { ...doc.ui, positions } };
}

function addNodes(doc: FlowDocument, change: Extract<FlowChange, { kind: 'nodes.add' }>): Applied {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const nodes = change.nodes.filter((n) => !taken.has(n.id));
  const ids = new Set([...taken, ...nodes.map((n) => n.id)]);
  const edges = change.edges.filter(
    (e) => ids.has(e.from) && ids.has(e.to) && !doc.edges.some((existing) => sameEdge(existing, e)),
  );
  const next: FlowDocument = {
    ...withPositions(doc, { ...positionsOf(doc), ...change.positions }),
    nodes: [...doc.nodes, ...nodes],
    edges: [...doc.edges, ...edges],
  };
  return { doc: next, inverse: { kind: 'nodes.remove', ids: nodes.map((n) => n.id) } };
}

function removeNodes(doc: FlowDocument, ids: readonly string[]): Applied {
  const gone = new Set(ids);
  const nodes = doc.nodes.filter((n) => gone.has(n.id));
  const edges = doc.edges.filter((e) => gone.has(e.from) || gone.has(e.to));
  const positions: Record<string, XY> = {};
  const kept: Record<string, XY> = {};
  for (const [id, xy] of Object.entries(positionsOf(doc))) (gone.has(id) ? positions : kept)[id] = xy;
  const next: FlowDocument = {
    ...withPositions(doc, kept),
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges: doc.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
  };
  return { doc: next, inverse: { kind: 'nodes.add', nodes, edges, positions } };
}

function moveNodes(doc: FlowDocument, positions: Record<string, XY>): Applied {
  const current = positionsOf(doc);
  const before: Record<string, XY> = {};
  for (const id of Object.keys(positions)) before[id] = current[id] ?? { x: 0, y: 0 };
  return { doc: withPositions(doc, { ...current, ...positions }), inverse: { kind: 'nodes.move', positions: before } };
}

function updateNode(doc: FlowDocument, id: string, patch: NodePatch): Applied {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return { doc, inverse: { kind: 'batch', changes: [] } };
  const before: NodePatch = {};
  const after: FlowNode = { ...node };
  for (const key of Object.keys(patch) as (keyof NodePatch)[]) {
    Object.assign(before, { [key]: node[key] });
    if (patch[key] === undefined && key !== 'config') delete after[key];
    else Object.assign(after, { [key]: patch[key] });
  }
  const next = { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? after : n)) };
  return { doc: next, inverse: { kind: 'node.update', id, patch: before } };
}

function renameNode(doc: FlowDocument, id: string, to: string): Applied {
  if (id === to || doc.nodes.some((n) => n.id === to)) return { doc, inverse: { kind: 'batch', changes: [] } };
  const swap = (value: string): string => (value === id ? to : value);
  const positions: Record<string, XY> = {};
  for (const [key, xy] of Object.entries(positionsOf(doc))) positions[swap(key)] = xy;
  const next: FlowDocument = {
    ...withPositions(doc, positions),
    nodes: doc.nodes.map((n) => {
      const config = renameReferences(n.config, id, to) as Record<string, unknown>;
      return n.id === id ? { ...n, id: to, config } : { ...n, config };
    }),
    edges: doc.edges.map((e) => ({ ...e, from: swap(e.from), to: swap(e.to) })),
  };
  return { doc: next, inverse: { kind: 'node.rename', id: to, to: id } };
}

function addEdges(doc: FlowDocument, edges: readonly FlowEdge[]): Applied {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const added: FlowEdge[] = [];
  for (const edge of edges) {
    const known = ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to;
    if (known && ![...doc.edges, ...added].some((e) => sameEdge(e, edge))) added.push(edge);
  }
  return { doc: { ...doc, edges: [...doc.edges, ...added] }, inverse: { kind: 'edges.remove', edges: added } };
}

function removeEdges(doc: FlowDocument, edges: readonly FlowEdge[]): Applied {
  const removed = doc.edges.filter((e) => edges.some((gone) => sameEdge(e, gone)));
  const kept = doc.edges.filter((e) => !edges.some((gone) => sameEdge(e, gone)));
  return { doc: { ...doc, edges: kept }, inverse: { kind: 'edges.add', edges: removed } };
}

function updateMeta(doc: FlowDocument, change: Extract<FlowChange, { kind: 'flow.meta' }>): Applied {
  const inverse: Extract<FlowChange, { kind: 'flow.meta' }> = { kind: 'flow.meta' };
  const next = { ...doc };
  if (change.name !== undefined) [inverse.name, next.name] = [doc.name, change.name];
  if (change.description !== undefined)
    [inverse.description, next.description] = [doc.description ?? '', change.description];
  if (change.settings !== undefined) [inverse.settings, next.settings] = [doc.settings ?? {}, change.settings];
  return { doc: next, inverse };
}

function applyBatch(doc: FlowDocument, changes: readonly FlowChange[]): Applied {
  let current = doc;
  const inverses: FlowChange[] = [];
  for (const change of changes) {
    const applied = applyChange(current, change);
    current = applied.doc;
    inverses.unshift(applied.inverse);
  }
  return { doc: current, inverse: { kind: 'batch', changes: inverses } };
}

/** Applies one change to a document, returning the new document and the change that undoes it. */
export function applyChange(doc: FlowDocument, change: FlowChange): Applied {
  switch (change.kind) {
    case 'nodes.add':
      return addNodes(doc, change);
    case 'nodes.remove':
      return removeNodes(doc, change.ids);
    case 'nodes.move':
      return moveNodes(doc, change.positions);
    case 'node.update':
      return updateNode(doc, change.id, change.patch);
    case 'node.rename':
      return renameNode(doc, change.id, change.to);
    case 'edges.add':
      return addEdges(doc, change.edges);
    case 'edges.remove':
      return removeEdges(doc, change.edges);
    case 'flow.meta':
      return updateMeta(doc, change);
    case 'batch':
      return applyBatch(doc, change.changes);
  }
}

/** True when applying the change would leave the document as it is (an empty batch). */
export function isEmptyChange(change: FlowChange): boolean {
  if (change.kind === 'batch') return change.changes.every(isEmptyChange);
  if (change.kind === 'nodes.remove') return change.ids.length === 0;
  if (change.kind === 'edges.add' || change.kind === 'edges.remove') return change.edges.length === 0;
  return false;
}
