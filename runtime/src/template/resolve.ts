import type { Template } from 'liquidjs';
import { TailorError } from '../contract/error-codes.js';
import { liquid } from './liquid.js';
import { hasTemplate, parseWholeReference, type TemplateReference } from './references.js';
import { NEEDS_LIQUID, parseSimpleTemplate, renderSimpleTemplate } from './simple-template.js';

/** Names visible to references: node outputs by id, plus scope names such as `item`. */
export type TemplateScope = Record<string, unknown>;

/** A config value compiled once per plan and resolved per run against a scope. */
export type CompiledValue = (scope: TemplateScope) => unknown;

/**
 * Compiles a config value: plain strings stay as they are, a string that is exactly one
 * reference keeps the referenced value's type, any other template renders as text. Parsing happens
 * here, once, so a run only walks paths and renders.
 */
export function compileValue(value: unknown, location = 'config'): CompiledValue {
  if (typeof value === 'string') return compileString(value, location);
  if (Array.isArray(value)) return compileArray(value, location);
  if (value !== null && typeof value === 'object') return compileObject(value as Record<string, unknown>, location);
  return () => value;
}

function compileString(text: string, location: string): CompiledValue {
  if (!hasTemplate(text)) return () => text;
  const whole = parseWholeReference(text);
  if (whole) return (scope) => lookupReference(scope, whole);
  let templates: Template[];
  try {
    templates = liquid.parse(text);
  } catch (error) {
    throw new TailorError('TEMPLATE_ERROR', `In ${location}: ${(error as Error).message}`);
  }
  const renderWithLiquid = (scope: TemplateScope): string => {
    try {
      return liquid.renderSync(templates, scope) as string;
    } catch (error) {
      throw new TailorError('TEMPLATE_ERROR', `In ${location}: ${(error as Error).message}`);
    }
  };
  const simple = parseSimpleTemplate(text);
  if (!simple) return renderWithLiquid;
  return (scope) => {
    let rendered: string | typeof NEEDS_LIQUID;
    try {
      rendered = renderSimpleTemplate(simple, scope);
    } catch {
      // e.g. a circular value: LiquidJS renders again so the error reads exactly as it always has.
      rendered = NEEDS_LIQUID;
    }
    return rendered === NEEDS_LIQUID ? renderWithLiquid(scope) : rendered;
  };
}

function compileArray(items: unknown[], location: string): CompiledValue {
  const compiled = items.map((item, index) => compileValue(item, `${location}[${index}]`));
  if (items.every((item) => !containsTemplate(item))) return () => items;
  return (scope) => compiled.map((resolve) => resolve(scope));
}

function compileObject(object: Record<string, unknown>, location: string): CompiledValue {
  if (!containsTemplate(object)) return () => object;
  const entries = Object.entries(object).map(([key, item]) => [key, compileValue(item, `${location}.${key}`)] as const);
  return (scope) => {
    const resolved: Record<string, unknown> = {};
    for (const [key, resolve] of entries) resolved[key] = resolve(scope);
    return resolved;
  };
}

export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsTemplate);
  return false;
}

/**
 * Walks a reference through own properties only, so `constructor`, `__proto__` and prototype
 * getters yield nothing. Liquid's `size`, `first` and `last` work as in text templates.
 */
export function lookupReference(scope: TemplateScope, reference: TemplateReference): unknown {
  let current: unknown = Object.hasOwn(scope, reference.root) ? scope[reference.root] : undefined;
  for (const segment of reference.path) {
    if (current === null || current === undefined) break;
    current = step(current, segment);
  }
  return current;
}

function step(value: unknown, segment: string | number): unknown {
  if (Array.isArray(value) || typeof value === 'string') {
    if (segment === 'size') return value.length;
    if (segment === 'first') return value[0];
    if (segment === 'last') return value[value.length - 1];
    const index = typeof segment === 'number' ? segment : Number.NaN;
    return Number.isInteger(index) ? value.at(index) : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const key = String(segment);
    if (value instanceof Map) return value.get(key);
    return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return undefined;
}
