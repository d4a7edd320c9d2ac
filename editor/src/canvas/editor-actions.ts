import type { FlowEdge } from '@tailor/runtime/contract';
import type { CatalogueEntry } from '../api/schemas.js';
import { canvasStore } from '../state/canvas-store.js';
import type { FlowChange, XY } from '../state/flow-changes.js';
import { flowStore } from '../state/flow-store.js';
import { edgeId } from './derive.js';
import { cutFragment, type Fragment, newNode, relabelFragment } from './node-factory.js';

const CLIPBOARD_KEY = 'tailor.clipboard';
const PASTE_OFFSET: XY = { x: 40, y: 40 };

/** Commands shared by shortcuts, toolbar and context actions; each is one undoable change. */
export function addNodeAt(entry: CatalogueEntry, position: XY): string | undefined {
  const { doc, apply } = flowStore.getState();
  if (!doc) return undefined;
  const node = newNode(entry, doc);
  apply({ kind: 'nodes.add', nodes: [node], edges: [], positions: { [node.id]: position } });
  canvasStore.getState().select([node.id]);
  return node.id;
}

export function deleteSelection(): void {
  const { doc, apply } = flowStore.getState();
  const { selectedNodes, selectedEdges, select } = canvasStore.getState();
  if (!doc) return;
  const edges: FlowEdge[] = doc.edges.filter((e) => selectedEdges.has(edgeId(e)));
  const changes: FlowChange[] = [];
  if (edges.length > 0) changes.push({ kind: 'edges.remove', edges });
  if (selectedNodes.size > 0) changes.push({ kind: 'nodes.remove', ids: [...selectedNodes] });
  if (changes.length === 0) return;
  apply({ kind: 'batch', changes });
  select([]);
}

function pasteFragment(fragment: Fragment, offset: XY): void {
  const { doc, apply } = flowStore.getState();
  if (!doc || fragment.nodes.length === 0) return;
  const pasted = relabelFragment(fragment, doc, offset);
  apply({ kind: 'nodes.add', ...pasted });
  canvasStore.getState().select(pasted.nodes.map((n) => n.id));
}

export function duplicateSelection(): void {
  const { doc } = flowStore.getState();
  if (!doc) return;
  pasteFragment(cutFragment(doc, canvasStore.getState().selectedNodes), PASTE_OFFSET);
}

/** Copies to localStorage (so paste works in another flow's tab) and to the system clipboard as JSON. */
export function copySelection(): void {
  const { doc } = flowStore.getState();
  const ids = canvasStore.getState().selectedNodes;
  if (!doc || ids.size === 0) return;
  const text = JSON.stringify({ tailorFragment: 1, ...cutFragment(doc, ids) });
  localStorage.setItem(CLIPBOARD_KEY, text);
  void navigator.clipboard?.writeText(text).catch(() => undefined);
}

export function paste(): void {
  const text = localStorage.getItem(CLIPBOARD_KEY);
  if (!text) return;
  try {
    const fragment = JSON.parse(text) as Fragment & { tailorFragment?: number };
    if (fragment.tailorFragment === 1 && Array.isArray(fragment.nodes)) pasteFragment(fragment, PASTE_OFFSET);
  } catch {
    localStorage.removeItem(CLIPBOARD_KEY);
  }
}

export function selectAll(): void {
  const { doc } = flowStore.getState();
  if (doc) canvasStore.getState().select(doc.nodes.map((n) => n.id));
}

/** Lays the flow out left to right; dagre is loaded on first use, it is not needed to edit. */
export async function tidyLayout(): Promise<void> {
  const { layoutPositions } = await import('./layout.js');
  const { doc, apply } = flowStore.getState();
  if (!doc || doc.nodes.length === 0) return;
  apply({ kind: 'nodes.move', positions: layoutPositions(doc, canvasStore.getState().measured) });
}
