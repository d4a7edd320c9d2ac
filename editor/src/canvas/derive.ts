import type { FlowDocument, FlowEdge, FlowNode } from '@tailor/runtime/contract';
import type { Edge, Node } from '@xyflow/react';
import type { Size } from '../state/canvas-store.js';
import type { XY } from '../state/flow-changes.js';

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
}
export type CanvasNode = Node<FlowNodeData, 'tailor'>;

export interface FlowEdgeData extends Record<string, unknown> {
  edge: FlowEdge;
}
export type CanvasEdge = Edge<FlowEdgeData>;

const ORIGIN: XY = { x: 0, y: 0 };

export function edgeId(edge: FlowEdge): string {
  return `${edge.from}:${edge.port ?? 'out'}->${edge.to}`;
}

interface NodeInputs {
  node: FlowNode;
  position: XY | undefined;
  size: Size | undefined;
  selected: boolean;
}

/**
 * Derives React Flow's node objects from the document. A node whose inputs did not change keeps
 * its object, so React Flow and the memoised node components skip it (300 nodes, one dragged).
 */
export function createNodeDeriver() {
  const cache = new Map<string, { inputs: NodeInputs; result: CanvasNode }>();
  return (doc: FlowDocument, measured: Record<string, Size>, selected: ReadonlySet<string>): CanvasNode[] => {
    const positions = doc.ui?.positions ?? {};
    const seen = new Set<string>();
    const result = doc.nodes.map((node) => {
      seen.add(node.id);
      const inputs: NodeInputs = {
        node,
        position: positions[node.id],
        size: measured[node.id],
        selected: selected.has(node.id),
      };
      const hit = cache.get(node.id);
      if (hit && sameInputs(hit.inputs, inputs)) return hit.result;
      const derived: CanvasNode = {
        id: node.id,
        type: 'tailor',
        position: inputs.position ?? ORIGIN,
        data: { node },
        selected: inputs.selected,
        ...(inputs.size ? { measured: inputs.size } : {}),
      };
      cache.set(node.id, { inputs, result: derived });
      return derived;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
  };
}

function sameInputs(a: NodeInputs, b: NodeInputs): boolean {
  return a.node === b.node && a.position === b.position && a.size === b.size && a.selected === b.selected;
}

export function deriveEdges(
  edges: readonly FlowEdge[],
  selected: ReadonlySet<string>,
  taken: ReadonlySet<string>,
): CanvasEdge[] {
  return edges.map((edge) => {
    const id = edgeId(edge);
    const port = edge.port ?? 'out';
    return {
      id,
      type: 'smoothstep',
      source: edge.from,
      target: edge.to,
      sourceHandle: port,
      targetHandle: 'in',
      selected: selected.has(id),
      animated: taken.has(id),
      className: port === 'error' ? 'edge-error' : undefined,
      data: { edge },
    };
  });
}
