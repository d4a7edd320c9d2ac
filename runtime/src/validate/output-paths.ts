import type { z } from 'zod';
import { listNames } from './closest-name.js';

type Schema = z.core.$ZodType;
type Segment = string | number;

/** Where a reference's path leaves what the output schema promises, and why. */
export interface OutputPathMismatch {
  /** How many segments of the path were fine before the failing one. */
  readonly depth: number;
  /** The end of a sentence: `has no field "txt"; it has: chunks, text`. */
  readonly reason: string;
}

const SIZE = 'size';
const OPEN_TYPES = new Set(['any', 'unknown', 'custom', 'transform', 'map', 'set', 'function', 'promise', 'file']);

/** Peels wrappers that do not change which fields exist; unions and intersections fan out. */
function expand(schema: Schema, into: Schema[], depth = 0): void {
  if (depth > 32) return;
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      expand((def as z.core.$ZodOptionalDef).innerType, into, depth + 1);
      return;
    case 'lazy':
      expand((def as z.core.$ZodLazyDef).getter(), into, depth + 1);
      return;
    case 'pipe':
      // What a pipe outputs is its `out` side; a transform there means the shape is not known.
      expand((def as z.core.$ZodPipeDef).out, into, depth + 1);
      return;
    case 'union':
      for (const option of (def as z.core.$ZodUnionDef).options) expand(option, into, depth + 1);
      return;
    case 'intersection': {
      const both = def as z.core.$ZodIntersectionDef;
      expand(both.left, into, depth + 1);
      expand(both.right, into, depth + 1);
      return;
    }
    default:
      into.push(schema);
  }
}

function describeKind(type: string): string {
  switch (type) {
    case 'string':
    case 'template_literal':
      return 'text';
    case 'number':
    case 'int':
    case 'bigint':
    case 'nan':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
    case 'undefined':
    case 'void':
      return 'always empty';
    case 'enum':
    case 'literal':
      return 'a fixed value';
    case 'date':
      return 'a date';
    default:
      return `a ${type}`;
  }
}

type Step = { next: Schema | 'open' } | { reason: string };

function stepObject(def: z.core.$ZodObjectDef, segment: Segment): Step {
  if (typeof segment === 'string' && Object.hasOwn(def.shape, segment)) {
    const field = def.shape[segment];
    if (field) return { next: field };
  }
  const catchall = def.catchall;
  if (catchall && catchall._zod.def.type !== 'never') return { next: catchall };
  if (segment === SIZE) return { next: 'open' };
  const fields = Object.keys(def.shape);
  const name = typeof segment === 'number' ? `[${segment}]` : `"${segment}"`;
  return {
    reason: fields.length ? `has no field ${name}; it has: ${listNames(fields)}` : `has no fields`,
  };
}

function stepList(element: Schema | undefined, segment: Segment): Step {
  if (typeof segment === 'number' || segment === 'first' || segment === 'last') return { next: element ?? 'open' };
  if (segment === SIZE) return { next: 'open' };
  return { reason: `is a list, which has no field "${segment}"; use a position such as [0], or first, last, size` };
}

function step(schema: Schema, segment: Segment): Step {
  const def = schema._zod.def;
  if (OPEN_TYPES.has(def.type)) return { next: 'open' };
  switch (def.type) {
    case 'object':
      return stepObject(def as z.core.$ZodObjectDef, segment);
    case 'record':
      return { next: (def as z.core.$ZodRecordDef).valueType };
    case 'array':
      return stepList((def as z.core.$ZodArrayDef).element, segment);
    case 'tuple': {
      const tuple = def as z.core.$ZodTupleDef;
      const item = typeof segment === 'number' ? (tuple.items[segment] ?? tuple.rest ?? undefined) : undefined;
      return stepList(item ?? tuple.items[0], segment);
    }
    case 'string':
      if (segment === SIZE) return { next: 'open' };
      return { reason: `is text, which has no field ${typeof segment === 'number' ? `[${segment}]` : `"${segment}"`}` };
    default:
      return { reason: `is ${describeKind(def.type)}, which has no field "${segment}"` };
  }
}

/**
 * Checks that `path` can be read from a value of `schema` (the way LiquidJS reads it: fields,
 * positions, and `size`/`first`/`last`). Open shapes (unknown, any, records, catch-alls) accept
 * any path below them; a union accepts what any of its options accepts.
 */
export function checkOutputPath(schema: Schema, path: readonly Segment[]): OutputPathMismatch | undefined {
  let candidates: Schema[] = [];
  expand(schema, candidates);
  for (const [depth, segment] of path.entries()) {
    const next: Schema[] = [];
    let firstReason: string | undefined;
    for (const candidate of candidates) {
      const result = step(candidate, segment);
      if ('reason' in result) firstReason ??= result.reason;
      else if (result.next === 'open') return undefined;
      else expand(result.next, next);
    }
    if (next.length === 0) return { depth, reason: firstReason ?? 'cannot be read' };
    candidates = next;
  }
  return undefined;
}

/** What a value is, in the words messages use. */
export type ValueKind = 'text' | 'number' | 'boolean' | 'list' | 'object' | 'null';

const KIND_OF_TYPE: Record<string, ValueKind> = {
  string: 'text',
  template_literal: 'text',
  number: 'number',
  int: 'number',
  bigint: 'number',
  nan: 'number',
  boolean: 'boolean',
  array: 'list',
  tuple: 'list',
  object: 'object',
  record: 'object',
  null: 'null',
  undefined: 'null',
  void: 'null',
};

function kindOf(schema: Schema): ValueKind | 'open' {
  const def = schema._zod.def;
  if (def.type === 'literal' || def.type === 'enum') {
    const values =
      def.type === 'literal'
        ? (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values
        : Object.values((def as z.core.$ZodEnumDef).entries);
    const kinds = new Set(
      values.map((value) => (typeof value === 'string' ? 'text' : typeof value === 'number' ? 'number' : 'open')),
    );
    return kinds.size === 1 ? ([...kinds][0] as ValueKind | 'open') : 'open';
  }
  return KIND_OF_TYPE[def.type] ?? 'open';
}

/**
 * The kinds of value found at `path` of an output (a union may give several); undefined when the
 * shape there is open or the path cannot be followed.
 */
export function kindsAt(schema: Schema, path: readonly Segment[]): Set<ValueKind> | undefined {
  let candidates: Schema[] = [];
  expand(schema, candidates);
  for (const segment of path) {
    const next: Schema[] = [];
    for (const candidate of candidates) {
      const result = step(candidate, segment);
      if ('reason' in result) continue;
      if (result.next === 'open') return undefined;
      expand(result.next, next);
    }
    if (next.length === 0) return undefined;
    candidates = next;
  }
  const kinds = new Set<ValueKind>();
  for (const candidate of candidates) {
    const kind = kindOf(candidate);
    if (kind === 'open') return undefined;
    kinds.add(kind);
  }
  return kinds;
}
