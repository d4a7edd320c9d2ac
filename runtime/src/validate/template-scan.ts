import { liquid } from '../template/liquid.js';
import { extractReferences, hasTemplate, parseWholeReference, type TemplateReference } from '../template/references.js';

/**
 * The references of one config string, for validation. Most templates are plain text with output
 * tags such as `{{ kb.text | truncate: 200 }}`; those are read here with a few regular expressions,
 * because LiquidJS' variable analysis costs about ten times as much and validation of a large flow
 * reads thousands of them. Anything else (tags like `{% for %}`, expressions, ranges, unknown
 * filters, malformed text) goes to `extractReferences`, which parses with LiquidJS itself and
 * throws its syntax errors.
 */
const OUTPUT = /\{\{(.*?)\}\}/gs;
const PATH = String.raw`[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\]]*"\]|\['[^'\]]*'\])*`;
const LITERAL = String.raw`(?:-?\d+(?:\.\d+)?|"[^"]*"|'[^']*')`;
const FILTER = String.raw`\|\s*([A-Za-z_]\w*)\s*(?::\s*${LITERAL}(?:\s*,\s*${LITERAL})*\s*)?`;
const SIMPLE_OUTPUT = new RegExp(String.raw`^-?\s*(${PATH})\s*((?:${FILTER})*)-?$`);
const FILTER_NAME = new RegExp(FILTER, 'g');
/** Names LiquidJS reads as literals, not variables. */
const LITERAL_WORDS = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);

function scanSimple(text: string): TemplateReference[] | undefined {
  if (text.includes('{%')) return undefined;
  const found: TemplateReference[] = [];
  let consumed = 0;
  for (const match of text.matchAll(OUTPUT)) {
    consumed += match[0].length;
    const simple = SIMPLE_OUTPUT.exec(match[1] ?? '');
    if (!simple?.[1]) return undefined;
    for (const filter of (simple[2] ?? '').matchAll(FILTER_NAME)) {
      if (!Object.hasOwn(liquid.filters, filter[1] ?? '')) return undefined;
    }
    const reference = parseWholeReference(`{{ ${simple[1]} }}`);
    if (!reference || LITERAL_WORDS.has(reference.root)) return undefined;
    found.push(reference);
  }
  // A `{{` left without its `}}` (or inside one) is for LiquidJS to report.
  const rest = text.replace(OUTPUT, '');
  if (rest.includes('{{') || consumed === 0) return undefined;
  return found;
}

/** Each distinct reference of a string once; throws LiquidJS' error for a malformed template. */
export function templateReferences(text: string): TemplateReference[] {
  if (!hasTemplate(text)) return [];
  const references = scanSimple(text) ?? extractReferences(text);
  const seen = new Set<string>();
  return references.filter((reference) => {
    const key = `${reference.root}\u0000${reference.path.join('\u0000')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
