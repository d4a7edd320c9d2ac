import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  type ReactFlowState,
  useReactFlow,
  useStore as useReactFlowStore,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { type DragEvent, useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import { useT } from '../i18n/i18n.js';
import { canvasStore, type Size, useCanvas } from '../state/canvas-store.js';
import { catalogueStore } from '../state/catalogue-store.js';
import { flowStore, useFlow } from '../state/flow-store.js';
import { useRun } from '../state/run-store.js';
import { type CanvasEdge, type CanvasNode, createNodeDeriver, deriveEdges, edgeId } from './derive.js';
import { addNodeAt } from './editor-actions.js';
import { FlowNodeView } from './flow-node.js';
import { endDrag, type FoldedMoves, foldPositionChanges, liveDragStore, withLivePositions } from './node-drag.js';
import { useShortcuts } from './use-shortcuts.js';

export const PALETTE_MIME = 'application/x-tailor-node';
const nodeTypes = { tailor: FlowNodeView };
const fitViewOptions = { padding: 0.2, maxZoom: 1.2 };

/** Sizes and selection go to the canvas store; positions are the caller's (see `foldPositionChanges`). */
function recordSizesAndSelection(changes: NodeChange<CanvasNode>[]): void {
  const sizes: Record<string, Size> = {};
  const { toggleNode } = canvasStore.getState();
  for (const change of changes) {
    if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
    else if (change.type === 'select') toggleNode(change.id, change.selected);
  }
  if (Object.keys(sizes).length > 0) canvasStore.getState().setMeasured(sizes);
}

function commitMoves(moves: FoldedMoves): void {
  if (moves.commit) flowStore.getState().apply({ kind: 'nodes.move', positions: moves.commit });
}

function onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void {
  for (const change of changes)
    if (change.type === 'select') canvasStore.getState().toggleEdge(change.id, change.selected);
}

function onConnect(connection: Connection): void {
  const port = connection.sourceHandle && connection.sourceHandle !== 'out' ? connection.sourceHandle : undefined;
  const edge = port
    ? { from: connection.source, to: connection.target, port }
    : { from: connection.source, to: connection.target };
  flowStore.getState().apply({ kind: 'edges.add', edges: [edge] });
}

function isValidConnection(connection: Connection | CanvasEdge): boolean {
  if (connection.source === connection.target) return false;
  const doc = flowStore.getState().doc;
  const port = connection.sourceHandle ?? 'out';
  return !doc?.edges.some(
    (e) => e.from === connection.source && e.to === connection.target && (e.port ?? 'out') === port,
  );
}

function useCanvasElements(): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const doc = useFlow((s) => s.doc);
  const live = useStore(liveDragStore);
  const flowEdges = useFlow((s) => s.doc?.edges);
  const measured = useCanvas((s) => s.measured);
  const selectedNodes = useCanvas((s) => s.selectedNodes);
  const selectedEdges = useCanvas((s) => s.selectedEdges);
  const runNodes = useRun((s) => s.view.nodes);
  const derive = useMemo(createNodeDeriver, []);
  const documentNodes = useMemo(
    () => (doc ? derive(doc, measured, selectedNodes) : []),
    [doc, measured, selectedNodes, derive],
  );
  const nodes = useMemo(() => withLivePositions(documentNodes, live), [documentNodes, live]);
  // Edges depend on the edge list only: dragging (positions) must not rebuild 300 edge objects.
  const edges = useMemo(() => {
    if (!flowEdges) return [];
    const fired = new Set<string>();
    for (const [id, view] of Object.entries(runNodes)) for (const port of view.ports ?? []) fired.add(`${id}:${port}`);
    const animated = new Set(flowEdges.map(edgeId).filter((id) => fired.has(id.split('->')[0] ?? '')));
    return deriveEdges(flowEdges, selectedEdges, animated);
  }, [flowEdges, selectedEdges, runNodes]);
  return { nodes, edges };
}

/**
 * Positions of a drag in progress live in `liveDragStore`, not in the document: a mouse move
 * re-renders the canvas with one new node object (synchronously, so the move is painted in the
 * frame of its pointer event), and the document, history and autosave see one move on release.
 */
function onNodesChange(changes: NodeChange<CanvasNode>[]): void {
  recordSizesAndSelection(changes);
  const moves = foldPositionChanges(liveDragStore.getState(), changes);
  commitMoves(moves);
  liveDragStore.setState(moves.live, true);
}

function onNodeDragStop(): void {
  const moves = endDrag(liveDragStore.getState());
  commitMoves(moves);
  liveDragStore.setState(null, true);
}

function onPaneClick(): void {
  canvasStore.getState().select([]);
}

function onNodeClick(): void {
  // Clicking a node after a run opens its details (output, logs) in the inspector.
  if (canvasStore.getState().panel === 'run') canvasStore.getState().setPanel('inspector');
}

function onDragOver(event: DragEvent): void {
  event.preventDefault();
  event.dataTransfer.dropEffect = 'move';
}

/** Below this zoom a node's text is unreadable anyway: nodes are drawn as plain cards (see editor.css). */
const DETAIL_ZOOM = 0.35;
const isZoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

// Stable props: a new function or object here would re-render React Flow's 300 node wrappers.
const proOptions = { hideAttribution: true };
const multiSelectionKeyCode = ['Meta', 'Control', 'Shift'];

/** The canvas: React Flow bound to the flow document, with drop-from-palette and shortcuts. */
export function FlowCanvas() {
  const t = useT();
  const { nodes, edges } = useCanvasElements();
  const flow = useReactFlow();
  const zoomedOut = useReactFlowStore(isZoomedOut);
  useShortcuts();

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      const entry = catalogueStore.getState().byType.get(type);
      if (!entry) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNodeAt(entry, { x: Math.round(point.x - 110), y: Math.round(point.y - 30) });
    },
    [flow],
  );

  return (
    <div className={zoomedOut ? 'canvas is-zoomed-out' : 'canvas'} data-testid="canvas">
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={onNodeDragStop}
        onPaneClick={onPaneClick}
        onNodeClick={onNodeClick}
        onDrop={onDrop}
        onDragOver={onDragOver}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={multiSelectionKeyCode}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        maxZoom={2}
        proOptions={proOptions}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap
          pannable
          zoomable
          className="minimap"
          nodeBorderRadius={6}
          nodeColor="#c7cdd8"
          maskColor="rgb(226 230 238 / 55%)"
          bgColor="#fbfcfd"
        />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
      </ReactFlow>
      {nodes.length === 0 && <p className="canvas-empty">{t('editor.emptyCanvas')}</p>}
    </div>
  );
}
