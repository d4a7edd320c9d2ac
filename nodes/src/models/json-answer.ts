import { TailorError } from '@tailor/runtime';
import { z } from 'zod';

/**
 * The JSON inside a model's answer. Models asked for JSON still wrap it in ```json fences or a
 * sentence now and then; take the first complete JSON value, check it against the schema if one
 * was given, and fail with an excerpt otherwise.
 */
export function parseJsonAnswer(text: string, schema?: Record<string, unknown>, truncated = false): unknown {
  const value = extractJson(text);
  if (value === undefined) {
    const why = truncated ? ' The answer was cut off at the token limit: raise maxTokens.' : '';
    throw new TailorError('MODEL_INVALID_JSON', `The answer begins: "${text.slice(0, 200)}".${why}`);
  }
  if (!schema) return value;
  const checked = validatorOf(schema)?.safeParse(value);
  if (checked && !checked.success) {
    const problems = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new TailorError('MODEL_INVALID_JSON', `It does not fit the schema: ${problems.join('; ')}.`, {
      answer: value,
    });
  }
  return checked?.success ? checked.data : value;
}

function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  for (const candidate of [text.trim(), fenced?.trim()]) {
    if (!candidate) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next reading
    }
  }
  const start = text.search(/[{[]/);
  if (start < 0) return undefined;
  for (let end = text.length; end > start; end -= 1) {
    const closer = text[end - 1];
    if (closer !== '}' && closer !== ']') continue;
    try {
      return JSON.parse(text.slice(start, end));
    } catch {
      // keep shrinking
    }
  }
  return undefined;
}

const validators = new WeakMap<Record<string, unknown>, z.ZodType | null>();

/** A zod validator for a JSON Schema, made once per schema object; null when zod cannot read it. */
export function validatorOf(schema: Record<string, unknown>): z.ZodType | null {
  if (!validators.has(schema)) {
    try {
      validators.set(schema, z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]));
    } catch {
      validators.set(schema, null);
    }
  }
  return validators.get(schema) ?? null;
}
