import type { AnyNodeDefinition } from './node-definition.js';

/** The node types a host offers, by type name. */
export type Catalogue = ReadonlyMap<string, AnyNodeDefinition>;

export function createCatalogue(definitions: Iterable<AnyNodeDefinition>): Catalogue {
  const catalogue = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (catalogue.has(definition.type)) throw new Error(`Node type "${definition.type}" is defined twice.`);
    catalogue.set(definition.type, definition);
  }
  return catalogue;
}

export function portsOf(definition: AnyNodeDefinition, config: unknown): readonly string[] {
  return definition.portsFor ? definition.portsFor(config) : (definition.ports ?? ['out']);
}
