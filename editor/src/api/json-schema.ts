/**
 * The part of JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) the inspector's forms read.
 * It is an external standard, not one of our zod schemas, so it is described here as a type.
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  /** Editor hints a node definition may add with zod's `.meta({ ... })`. */
  widget?: string;
  'x-widget'?: string;
}

export function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema without `null` alternatives, so an optional-nullable field reads as its real type. */
export function unwrapNullable(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  const real = options.filter((option) => option.type !== 'null');
  if (real.length === 1 && real[0]) return { ...real[0], ...withoutUnion(schema) };
  return schema;
}

function withoutUnion(schema: JsonSchema): JsonSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
  return rest;
}

export function schemaType(schema: JsonSchema): string | undefined {
  const type = unwrapNullable(schema).type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null');
  return type;
}
