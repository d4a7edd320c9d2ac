import type { NodeChange } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { XY } from '../state/flow-changes.js';
import type { CanvasNode } from './derive.js';

/** Positions of nodes being dragged right now, by node id; `null` when nothing is moving. */
export type LivePositions = Readonly<Record<string, XY>> | null;

/**
 * The canvas's live drag positions. A store rather than component state: a store update renders
 * synchronously inside the pointer event, so each frame shows the node where the pointer is.
 */
export const liveDragStore = createStore<LivePositions>()(() => null);

export interface FoldedMoves {
  /** What the canvas shows until the move ends. */
  live: LivePositions;
  /** Set once a move ends (drag released, arrow key): the positions to write to the document. */
  commit: Record<string, XY> | null;
}

/**
 * Folds React Flow's position changes into the live positions of a drag. While `dragging` is true
 * the document is left alone (no history, autosave or validation per mouse move); the final change
 * (`dragging: false`, sent on release and for keyboard moves) hands back every moved node at once,
 * so the whole drag becomes one undoable `nodes.move`.
 */
export function foldPositionChanges(live: LivePositions, changes: readonly NodeChange<CanvasNode>[]): FoldedMoves {
  let next: Record<string, XY> | null = null;
  let ended = false;
  for (const change of changes) {
    if (change.type !== 'position' || !change.position) continue;
    next ??= { ...live };
    next[change.id] = change.position;
    if (!change.dragging) ended = true;
  }
  if (!next) return { live, commit: null };
  return ended ? { live: null, commit: next } : { live: next, commit: null };
}

/** Ends a drag that React Flow closed without a final position change: commits what moved. */
export function endDrag(live: LivePositions): FoldedMoves {
  return { live: null, commit: live && Object.keys(live).length > 0 ? { ...live } : null };
}

/**
 * The document's nodes with the live positions laid over them. Only moving nodes get new objects,
 * so React Flow and the memoised node components skip the other 299.
 */
export function withLivePositions(nodes: CanvasNode[], live: LivePositions): CanvasNode[] {
  if (!live) return nodes;
  return nodes.map((node) => {
    const position = live[node.id];
    if (!position || (position.x === node.position.x && position.y === node.position.y)) return node;
    return { ...node, position };
  });
}
