import { type JsonSchema, schemaType, unwrapNullable } from '../../api/json-schema.js';

export type Widget =
  | 'code'
  | 'select'
  | 'switch'
  | 'number'
  | 'knowledge'
  | 'credential'
  | 'model'
  | 'provider'
  | 'prompt'
  | 'text'
  | 'object'
  | 'keyvalue'
  | 'multiselect'
  | 'list'
  | 'tags'
  | 'any';

const PROMPT_KEYS = /prompt|template|system|instructions|message|body|text|value|query|reply/i;

function stringWidget(key: string, schema: JsonSchema, raw: boolean): Widget {
  if (key === 'code' || (raw && schema.format === 'code')) return 'code';
  if (key === 'model') return 'model';
  if (key === 'provider') return 'provider';
  if (PROMPT_KEYS.test(key) || (schema.maxLength ?? 0) > 200) return 'prompt';
  return 'text';
}

function arrayWidget(schema: JsonSchema): Widget {
  const items = schema.items ? unwrapNullable(schema.items) : undefined;
  if (items?.enum) return 'multiselect';
  const itemType = items ? schemaType(items) : undefined;
  if (itemType === 'object') return 'list';
  if (itemType === 'string' || itemType === 'number') return 'tags';
  return 'any';
}

/** Picks the form control for a config field from its JSON Schema (and editor hints, when given). */
export function widgetFor(key: string, input: JsonSchema, rawFields: readonly string[]): Widget {
  const schema = unwrapNullable(input);
  const hint = schema['x-widget'] ?? schema.widget;
  if (hint) return hint as Widget;
  // Names that mean a server-side thing get a picker whatever their schema type (id or list of ids).
  if (/^knowledge(Base|BaseId)?s?$/i.test(key)) return 'knowledge';
  if (/^credential(Id)?$/i.test(key)) return 'credential';
  if (schema.enum || schema.anyOf?.every((option) => option.const !== undefined)) return 'select';
  switch (schemaType(schema)) {
    case 'boolean':
      return 'switch';
    case 'number':
    case 'integer':
      return 'number';
    case 'string':
      return stringWidget(key, schema, rawFields.includes(key));
    case 'array':
      return arrayWidget(schema);
    case 'object':
      if (schema.properties && Object.keys(schema.properties).length > 0) return 'object';
      return 'keyvalue';
    default:
      return key === 'code' ? 'code' : 'any';
  }
}

export function enumOptions(input: JsonSchema): unknown[] {
  const schema = unwrapNullable(input);
  if (schema.enum) return schema.enum;
  return (schema.anyOf ?? []).map((option) => option.const);
}

/** "topK" → "Top k", "knowledgeBase" → "Knowledge base": a readable label when the schema has no title. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
