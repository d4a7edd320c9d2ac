import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '@tailor/runtime/contract';
import type { Size } from '../state/canvas-store.js';
import type { XY } from '../state/flow-changes.js';

const DEFAULT_SIZE: Size = { width: 210, height: 90 };

/** Left-to-right layered layout (dagre), using measured node sizes where known. */
export function layoutPositions(doc: FlowDocument, measured: Record<string, Size>): Record<string, XY> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) {
    const size = measured[node.id] ?? DEFAULT_SIZE;
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const edge of doc.edges) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);
  const positions: Record<string, XY> = {};
  for (const node of doc.nodes) {
    const laid = graph.node(node.id);
    const size = measured[node.id] ?? DEFAULT_SIZE;
    // dagre gives centres; React Flow positions are top-left corners.
    if (laid) positions[node.id] = { x: Math.round(laid.x - size.width / 2), y: Math.round(laid.y - size.height / 2) };
  }
  return positions;
}

/**
 * A flow written by hand, by the CLI or from a template may carry no positions: its nodes would
 * all stack at the origin. Lay out the nodes that have none, once, when the flow is opened.
 */
export function placeUnplacedNodes(doc: FlowDocument): FlowDocument {
  const placed = doc.ui?.positions ?? {};
  if (doc.nodes.every((node) => placed[node.id])) return doc;
  const laidOut = layoutPositions(doc, {});
  const positions: Record<string, XY> = { ...placed };
  for (const node of doc.nodes) {
    const position = positions[node.id] ?? laidOut[node.id];
    if (position) positions[node.id] = position;
  }
  return { ...doc, ui: { ...doc.ui, positions } };
}
