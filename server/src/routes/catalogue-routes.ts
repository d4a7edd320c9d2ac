import { type AnyNodeDefinition, LocalizedTextSchema } from '@tailor/runtime';
import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import type { ServerContext } from '../server-context.js';

const JsonSchema = z.record(z.string(), z.unknown());

export const CatalogueEntrySchema = z.object({
  type: z.string(),
  version: z.number(),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  category: z.string(),
  ports: z.array(z.string()),
  /** True when the ports depend on the config (one per case, one per class). */
  dynamicPorts: z.boolean(),
  rawFields: z.array(z.string()),
  configSchema: JsonSchema,
  outputSchema: JsonSchema,
});
type CatalogueEntry = z.output<typeof CatalogueEntrySchema>;

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'ref' }) as Record<string, unknown>;
  } catch {
    // a schema zod cannot express (a transform-only type) still gets an entry the editor can show
    return {};
  }
}

function describeNode(definition: AnyNodeDefinition): CatalogueEntry {
  return {
    type: definition.type,
    version: definition.version,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    ports: [...(definition.ports ?? ['out'])],
    dynamicPorts: definition.portsFor !== undefined,
    rawFields: [...(definition.rawFields ?? [])],
    // The form edits what the user writes: the input side of the config (defaults optional).
    configSchema: toJsonSchema(definition.config, 'input'),
    outputSchema: toJsonSchema(definition.output, 'output'),
  };
}

export function addCatalogueRoutes(api: ApiTable, ctx: ServerContext): void {
  let cached: CatalogueEntry[] | undefined;
  api.add({
    method: 'get',
    path: '/api/catalogue',
    tag: 'catalogue',
    access: 'admin',
    summary: 'Node types with JSON Schemas of their config and output',
    response: z.array(CatalogueEntrySchema),
    handler: async () => {
      cached ??= [...ctx.catalogue.values()].map(describeNode);
      return cached;
    },
  });
}
