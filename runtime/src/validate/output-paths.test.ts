import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkOutputPath, kindsAt } from './output-paths.js';

type Tree = { name: string; children: Tree[] };
const TreeSchema: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(TreeSchema) }));

describe('checkOutputPath', () => {
  it('follows optional, nullable, default and piped shapes', () => {
    const schema = z.object({ a: z.object({ b: z.number() }).nullable().optional() }).default({});
    expect(checkOutputPath(schema, ['a', 'b'])).toBeUndefined();
    expect(checkOutputPath(schema, ['a', 'c'])).toEqual({ depth: 1, reason: 'has no field "c"; it has: b' });
  });

  it('accepts a field any option of a union has, and lists fields of the first that lacks it', () => {
    const schema = z.union([z.object({ text: z.string() }), z.object({ error: z.string() })]);
    expect(checkOutputPath(schema, ['error'])).toBeUndefined();
    expect(checkOutputPath(schema, ['nope'])?.reason).toBe('has no field "nope"; it has: text');
  });

  it('walks recursive (lazy) shapes, records and catch-alls', () => {
    expect(checkOutputPath(TreeSchema, ['children', 0, 'children', 'first', 'name'])).toBeUndefined();
    expect(checkOutputPath(z.record(z.string(), z.object({ x: z.number() })), ['any', 'x'])).toBeUndefined();
    expect(checkOutputPath(z.looseObject({ a: z.string() }), ['whatever'])).toBeUndefined();
  });

  it('explains lists and scalars', () => {
    expect(checkOutputPath(z.object({ list: z.array(z.string()) }), ['list', 'name'])?.reason).toContain('is a list');
    expect(checkOutputPath(z.object({ n: z.number() }), ['n', 'x'])?.reason).toBe(
      'is a number, which has no field "x"',
    );
  });
});

describe('kindsAt', () => {
  it('names the kinds of value at a path, and nothing for open shapes', () => {
    const schema = z.object({ items: z.array(z.string()), maybe: z.union([z.string(), z.number()]), any: z.unknown() });
    expect(kindsAt(schema, ['items'])).toEqual(new Set(['list']));
    expect(kindsAt(schema, ['items', 0])).toEqual(new Set(['text']));
    expect(kindsAt(schema, ['maybe'])).toEqual(new Set(['text', 'number']));
    expect(kindsAt(schema, ['any'])).toBeUndefined();
  });
});
