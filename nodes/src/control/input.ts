import { defineNode, TailorError } from '@tailor/runtime';
import { z } from 'zod';

const FieldTypeSchema = z.enum(['string', 'number', 'boolean', 'object', 'array']);

const InputFieldSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a field name holds only letters, digits and "_"'),
  type: FieldTypeSchema.default('string'),
  required: z.boolean().default(false),
  default: z.unknown().optional(),
  description: z.string().optional(),
});
type InputField = z.output<typeof InputFieldSchema>;

// Built once: a field's schema depends only on its type, and zod schemas are immutable, so a run
// only parses (building them per run showed up in the endpoint profile).
const fieldSchemas: Readonly<Record<z.output<typeof FieldTypeSchema>, z.ZodType>> = {
  string: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  object: z.record(z.string(), z.unknown()),
  array: z.array(z.unknown()),
};

/** Declares the flow's inputs; its output is the validated inputs object. */
export const inputNode = defineNode({
  type: 'input',
  version: 1,
  title: { en: 'Input', zh: '输入' },
  description: {
    en: 'Declares the inputs of the flow: their names, types and defaults.',
    zh: '声明流程的输入：字段名、类型和默认值。',
  },
  category: 'io',
  config: z.object({ fields: z.array(InputFieldSchema).default([]) }),
  output: z.record(z.string(), z.unknown()),
  outputFor: (config) =>
    z.object(Object.fromEntries(config.fields.map((field) => [field.name, fieldSchemas[field.type]]))),
  run: ({ config, run }) => ({ output: readInputs(config.fields, run.inputs) }),
});

function readInputs(fields: readonly InputField[], given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of fields) {
    const value = Object.hasOwn(given, field.name) ? given[field.name] : field.default;
    if (value === undefined || value === null) {
      if (field.required) problems.push(`"${field.name}" is required`);
      else values[field.name] = null;
      continue;
    }
    const parsed = fieldSchemas[field.type].safeParse(value);
    if (parsed.success) values[field.name] = parsed.data;
    else problems.push(`"${field.name}" must be ${article(field.type)} ${field.type}, got ${describe(value)}`);
  }
  if (problems.length > 0) throw new TailorError('INPUT_INVALID', `${problems.join('; ')}.`);
  return values;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
