import { Drop } from 'liquidjs';
import { renderValueAsText } from './liquid.js';

/**
 * Templates made only of text and plain `{{ a.b[0]["c"] }}` references (no filters, tags, trim
 * markers, literals or escapes) are most of what real flows hold. They render here, without
 * LiquidJS, by the same rules as the locked-down Liquid instance: a port of its property reading
 * (own properties only, `size`/`first`/`last`, negative-free indexes) and the same `outputEscape`.
 * Anything this file cannot prove simple stays with LiquidJS; the differential test beside this
 * file checks the two agree.
 */

/** One segment of a reference path: a dot name, a quoted key, or a bracket index. */
type Segment = string | number;

/** A compiled simple template: literal text and reference paths (root first), alternating. */
export type SimplePart = string | readonly Segment[];

/** Returned when a value needs LiquidJS' full behaviour (Drops, `toLiquid`, functions). */
export const NEEDS_LIQUID: unique symbol = Symbol('needs liquid');

// Only the blanks every Liquid version treats as such; other Unicode spaces go to LiquidJS.
const BLANK = '[ \\t\\n\\r]*';
// No trailing hyphen: `{{ a-}}` is a trim marker in Liquid, not a name ending in `-`.
const NAME = '[A-Za-z_](?:[\\w-]*\\w)?';
const QUOTED = `"[^"'\\\\{}\\[\\]]*"|'[^"'\\\\{}\\[\\]]*'`;
const SEGMENT_SOURCE = `\\.(${NAME})|\\[(\\d{1,9})\\]|\\[(${QUOTED})\\]`;
const OUTPUT = new RegExp(`^${BLANK}(${NAME})((?:${SEGMENT_SOURCE})*)${BLANK}$`);
const SEGMENT = new RegExp(SEGMENT_SOURCE, 'g');
/** Names Liquid reads as literals, not variables. */
const LITERALS = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);

/** Splits a template into text and reference paths, or `undefined` when it is not simple. */
export function parseSimpleTemplate(text: string): SimplePart[] | undefined {
  if (text.includes('{%')) return undefined;
  const parts: SimplePart[] = [];
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('{{', position);
    if (open === -1) {
      parts.push(text.slice(position));
      break;
    }
    const close = text.indexOf('}}', open + 2);
    if (close === -1) return undefined;
    const path = parseOutput(text.slice(open + 2, close));
    if (!path) return undefined;
    if (open > position) parts.push(text.slice(position, open));
    parts.push(path);
    position = close + 2;
  }
  return parts;
}

function parseOutput(content: string): Segment[] | undefined {
  const match = OUTPUT.exec(content);
  if (!match) return undefined;
  const [, root, rest] = match;
  if (root === undefined || LITERALS.has(root)) return undefined;
  const path: Segment[] = [root];
  for (const segment of (rest ?? '').matchAll(SEGMENT)) {
    if (segment[1] !== undefined) path.push(segment[1]);
    else if (segment[2] !== undefined) path.push(Number(segment[2]));
    else path.push((segment[3] ?? '').slice(1, -1));
  }
  return path;
}

/** Renders parsed parts against a scope, or `NEEDS_LIQUID` when a value needs LiquidJS. */
export function renderSimpleTemplate(parts: readonly SimplePart[], scope: object): string | typeof NEEDS_LIQUID {
  let output = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      output += part;
      continue;
    }
    const root = part[0] as string;
    // Liquid reads a name the scope lacks from its (empty) globals, where `size` is 0.
    let value = readProperty(root in scope ? scope : NO_GLOBALS, root);
    for (let index = 1; index < part.length && value !== NEEDS_LIQUID; index++) {
      value = readProperty(value, part[index] as Segment);
    }
    if (value === NEEDS_LIQUID) return NEEDS_LIQUID;
    output += renderValueAsText(value);
  }
  return output;
}

const hasOwn = Object.prototype.hasOwnProperty;
const NO_GLOBALS: object = Object.freeze({});

/** LiquidJS' `Context.readProperty` with `ownPropertyOnly`, minus what only Drops and functions reach. */
function readProperty(target: unknown, key: Segment): unknown {
  if (target === null || target === undefined) return target;
  if (target instanceof Drop || typeof (target as { toLiquid?: unknown }).toLiquid === 'function') {
    return NEEDS_LIQUID;
  }
  if (Array.isArray(target) && typeof key === 'number') return readArrayElement(target, key);
  const value = hasOwn.call(target, key) ? (target as Record<Segment, unknown>)[key] : undefined;
  if (typeof value === 'function') return NEEDS_LIQUID;
  if (key === 'size') return readSize(target);
  if (key === 'first') return Array.isArray(target) ? readArrayElement(target, 0) : value;
  if (key === 'last') return Array.isArray(target) ? readArrayElement(target, -1) : value;
  return value;
}

function readArrayElement(array: readonly unknown[], index: number): unknown {
  const position = index < 0 ? array.length + index : index;
  return hasOwn.call(array, position) ? array[position] : undefined;
}

function readSize(target: object | string | number | boolean): unknown {
  const sized = target as { size?: unknown };
  if (hasOwn.call(target, 'size') || sized.size !== undefined) return sized.size;
  if (Array.isArray(target) || typeof target === 'string') return target.length;
  if (typeof target === 'object') return Object.keys(target).length;
  return undefined;
}
