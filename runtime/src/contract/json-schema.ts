import { z } from 'zod';
import type { Catalogue } from './catalogue.js';
import { FLOW_SCHEMA, FlowDocumentSchema } from './flow-document.js';
import type { AnyNodeDefinition } from './node-definition.js';

/** A JSON Schema document (draft 2020-12), as plain data. */
export type JsonSchema = { [key: string]: unknown };

const toJsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;

/**
 * Hover text for editors that read the JSON Schema (VS Code with `"$schema"` in a flow file). The
 * zod schema stays the single source of structure; these sentences only describe its fields.
 */
const DESCRIPTIONS: Record<string, string> = {
  '': 'A Tailor flow: nodes wired by edges, data passed by {{ nodeId.path }} references.',
  schema: `The format of this document; "${FLOW_SCHEMA}". Older formats are migrated when loaded.`,
  id: 'Stable identifier of the flow (letters, digits, ".", "_", "-").',
  name: 'Name shown to people.',
  description: 'What the flow is for.',
  settings: 'Run settings of the flow.',
  'settings.concurrency': 'Upper bound of nodes running at once in one run (default 8).',
  'settings.chat': 'A chat flow takes a message and a session, and streams its answer.',
  ui: 'Editor-only data (node positions, viewport); the engine ignores it.',
  nodes: 'The steps of the flow. Order does not matter; edges decide what runs after what.',
  'nodes.id': 'Unique name of the node; other nodes refer to its output as {{ <id>.<field> }}.',
  'nodes.type': 'The node type from the catalogue, e.g. "input", "model", "retrieval", "template".',
  'nodes.version': "Version of the node type's settings this node was written for; older ones are migrated.",
  'nodes.name': 'Label shown on the canvas; the id stays the reference name.',
  'nodes.config': "The node type's settings. Any string may hold {{ }} references to earlier nodes.",
  'nodes.timeoutMs': 'Time limit of one attempt, in milliseconds.',
  'nodes.retry': 'Retry policy when the node fails.',
  'nodes.retry.attempts': 'Tries in total, including the first (1-10).',
  'nodes.retry.backoffMs': 'Wait before the first retry; doubled for each further retry.',
  'nodes.onError':
    'When the node still fails: "fail" fails the run, "port" fires the "error" port, "fallback" continues with `fallback` as the output.',
  'nodes.fallback': 'The output used when the node fails and onError is "fallback".',
  edges: 'Control flow: which node may run after which, and through which output port.',
  'edges.from': 'The node the edge leaves.',
  'edges.to': 'The node the edge enters.',
  'edges.port': 'The output port of `from` the edge leaves by; absent means "out".',
};

function describe(schema: JsonSchema, path: string): void {
  const text = DESCRIPTIONS[path];
  if (text && schema.description === undefined) schema.description = text;
  describeFields(schema, path);
}

/** The fields of an object, or of the items of a list (which share the list's path). */
function describeFields(schema: JsonSchema, path: string): void {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) describe(child, path ? `${path}.${key}` : key);
  const items = schema.items as JsonSchema | undefined;
  if (items && typeof items === 'object') describeFields(items, path);
}

/** A string holding `{{ }}` or `{% %}`: resolved at run time, so accepted wherever a value is. */
const TEMPLATE_STRING: JsonSchema = {
  type: 'string',
  pattern: String.raw`\{\{|\{%`,
  description: 'A {{ }} reference or template, resolved when the flow runs.',
};

/**
 * Lets every value of a config schema also be a template string, as validation does (a reference
 * may stand where a number, a list or one of fixed values is expected), except in raw fields.
 */
function acceptTemplates(schema: JsonSchema): JsonSchema {
  const copy = withTemplatesInside(schema);
  const plainText =
    schema.type === 'string' && ['enum', 'const', 'pattern', 'format', 'minLength'].every((key) => !(key in schema));
  if (plainText || Object.keys(schema).length === 0) return copy;
  return { anyOf: [copy, TEMPLATE_STRING] };
}

/** The same schema with templates accepted in its fields and list items (not in raw fields). */
function withTemplatesInside(schema: JsonSchema, rawFields: readonly string[] = []): JsonSchema {
  const copy: JsonSchema = { ...schema };
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    copy.properties = Object.fromEntries(
      Object.entries(properties).map(([key, child]) => [key, rawFields.includes(key) ? child : acceptTemplates(child)]),
    );
  }
  if (schema.items && typeof schema.items === 'object') copy.items = acceptTemplates(schema.items as JsonSchema);
  return copy;
}

/** Per node type: `type` offers the catalogue's types, and `config` follows the chosen type's schema. */
function withNodeTypes(schema: JsonSchema, catalogue: Catalogue): void {
  const nodes = (schema.properties as Record<string, JsonSchema>).nodes as JsonSchema;
  const item = nodes.items as JsonSchema;
  const properties = item.properties as Record<string, JsonSchema>;
  properties.type = { ...properties.type, enum: [...catalogue.keys()] };
  item.allOf = [...catalogue.values()].map((definition) => {
    const config = toJsonSchema(definition.config, 'input');
    delete config.$schema;
    return {
      if: { properties: { type: { const: definition.type } }, required: ['type'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, plain data that is never awaited.
      then: {
        properties: {
          config: { ...withTemplatesInside(config, definition.rawFields), description: definition.description.en },
        },
      },
    };
  });
}

/**
 * The JSON Schema of a flow document as people write it (defaults optional). With a catalogue,
 * node types are offered by name and each node's config is described by its type's schema, for
 * completion and checks in editors such as VS Code.
 */
export function flowDocumentJsonSchema(catalogue?: Catalogue): JsonSchema {
  const schema = toJsonSchema(FlowDocumentSchema, 'input');
  describe(schema, '');
  const properties = schema.properties as Record<string, JsonSchema>;
  // Lets a flow file name its schema for editor support; the runtime ignores the key.
  properties.$schema = { type: 'string', description: 'Where editors find this JSON Schema.' };
  if (catalogue) withNodeTypes(schema, catalogue);
  return {
    $schema: schema.$schema,
    $id: 'https://tailor.dev/schemas/tailor.flow.v1.schema.json',
    title: `Tailor flow (${FLOW_SCHEMA})`,
    ...schema,
  };
}

export interface NodeDefinitionJsonSchemas {
  /** The settings form: what a person writes (defaults optional). */
  config: JsonSchema;
  /** What the node produces, for reference pickers and docs. */
  output: JsonSchema;
  /** Settings the engine passes unresolved (code, nested bodies): no {{ }} references there. */
  rawFields: readonly string[];
  /** Ports the node may fire, when they do not depend on its settings. */
  ports?: readonly string[];
}

/**
 * JSON Schemas of a node type for the editor's forms and the catalogue API. Give a parsed config
 * to get the output of a node whose output depends on it (the input node's fields).
 */
export function nodeDefinitionJsonSchemas(definition: AnyNodeDefinition, config?: unknown): NodeDefinitionJsonSchemas {
  const output = config !== undefined && definition.outputFor ? definition.outputFor(config) : definition.output;
  const result: NodeDefinitionJsonSchemas = {
    config: toJsonSchema(definition.config, 'input'),
    output: toJsonSchema(output, 'output'),
    rawFields: definition.rawFields ?? [],
  };
  if (!definition.portsFor) result.ports = definition.ports ?? ['out'];
  return result;
}
