import type { Template } from 'liquidjs';
import { liquid } from './liquid.js';

/** A `{{ node.path }}` reference found in a config string. */
export interface TemplateReference {
  /** The first name: a node id, or a scope name such as `item`. */
  readonly root: string;
  /** The property path after the root, e.g. `["chunks", 0, "text"]`. */
  readonly path: readonly (string | number)[];
}

const TEMPLATE_MARK = /\{\{|\{%/;

export function hasTemplate(text: string): boolean {
  return TEMPLATE_MARK.test(text);
}

/**
 * Matches a string that is exactly one reference, `{{ a.b[0].c }}` or `{{ a["b c"] }}`, with no
 * filter: such a value keeps its type instead of being rendered as text.
 */
const WHOLE_REFERENCE =
  /^\{\{-?\s*([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\]]*"\]|\['[^'\]]*'\])*)\s*-?\}\}$/;
const SEGMENT = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"\]]*)"\]|\['([^'\]]*)'\]/g;

export function parseWholeReference(text: string): TemplateReference | undefined {
  const match = WHOLE_REFERENCE.exec(text);
  if (!match) return undefined;
  const [, root, rest] = match;
  if (root === undefined) return undefined;
  const path: (string | number)[] = [];
  for (const segment of (rest ?? '').matchAll(SEGMENT)) {
    if (segment[1] !== undefined) path.push(segment[1]);
    else if (segment[2] !== undefined) path.push(Number(segment[2]));
    else path.push(segment[3] ?? segment[4] ?? '');
  }
  return { root, path };
}

/**
 * Every global variable a template reads, with its static path (loop-local names excluded).
 * Throws liquidjs' parse error for a malformed template.
 */
export function extractReferences(text: string): TemplateReference[] {
  if (!hasTemplate(text)) return [];
  const whole = parseWholeReference(text);
  if (whole) return [whole];
  const templates = liquid.parse(text) as Template[];
  const references: TemplateReference[] = [];
  for (const segments of liquid.globalVariableSegmentsSync(templates)) {
    const [root, ...rest] = segments;
    if (typeof root !== 'string') continue;
    const path: (string | number)[] = [];
    for (const segment of rest) {
      // A dynamic segment (`a[b]`) ends what can be known statically.
      if (typeof segment !== 'string' && typeof segment !== 'number') break;
      path.push(segment);
    }
    references.push({ root, path });
  }
  return references;
}

/** Every reference in a config value, with the field path where each string sits. */
export function extractConfigReferences(
  value: unknown,
  field: (string | number)[] = [],
  found: Array<{ field: (string | number)[]; reference: TemplateReference }> = [],
): Array<{ field: (string | number)[]; reference: TemplateReference }> {
  if (typeof value === 'string') {
    for (const reference of extractReferences(value)) found.push({ field, reference });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) extractConfigReferences(item, [...field, index], found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) extractConfigReferences(item, [...field, key], found);
  }
  return found;
}
