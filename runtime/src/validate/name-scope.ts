import type { GraphNode } from './node-entries.js';

/** What a name used in a {{ }} reference stands for, seen from one graph. */
export type NameMeaning =
  /** A name a nested graph's owner provides, such as a loop's `item`. */
  | { readonly kind: 'scope'; readonly owner: string }
  /** A name the host provides to every template. */
  | { readonly kind: 'global' }
  /** A node of an enclosing graph; `readable` when it runs before the node that owns this graph. */
  | { readonly kind: 'outer-node'; readonly node: GraphNode; readonly owner: string; readonly readable: boolean };

/** Names visible from a graph beyond its own nodes. */
export interface NameScope {
  lookup(name: string): NameMeaning | undefined;
  /** Candidate names for "did you mean". */
  names(): Iterable<string>;
  /** Scope names offered by owners, for messages ("inside this body you can use item, index"). */
  scopeNames(): readonly string[];
}

export function globalScope(globals: readonly string[]): NameScope {
  return {
    lookup: (name) => (globals.includes(name) ? { kind: 'global' } : undefined),
    names: () => globals,
    scopeNames: () => [],
  };
}

/**
 * The names seen from inside a nested graph of `owner`: the owner's scope names, then the nodes
 * of the owner's graph (readable only when they run before the owner), then whatever the owner's
 * graph itself sees.
 */
export function nestedScope(
  owner: GraphNode,
  scope: readonly string[],
  siblings: ReadonlyMap<string, GraphNode>,
  runsBeforeOwner: (node: GraphNode) => boolean,
  parent: NameScope,
): NameScope {
  return {
    lookup(name) {
      if (scope.includes(name)) return { kind: 'scope', owner: owner.id };
      const node = siblings.get(name);
      if (node) return { kind: 'outer-node', node, owner: owner.id, readable: runsBeforeOwner(node) };
      return parent.lookup(name);
    },
    *names() {
      yield* scope;
      yield* siblings.keys();
      yield* parent.names();
    },
    scopeNames: () => [...scope, ...parent.scopeNames()],
  };
}
