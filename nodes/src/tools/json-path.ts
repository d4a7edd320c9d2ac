import { TailorError } from '@tailor/runtime';
import { JSONPath } from 'jsonpath-plus';

/** A path that can match many values (wildcard, filter, descendant, slice, union) yields a list. */
function matchesMany(path: string): boolean {
  return /\*|\.\.|\?\(|\[[^\]]*[:,][^\]]*\]/.test(path);
}

function normalize(path: string): string {
  const trimmed = path.trim();
  if (trimmed.startsWith('$')) return trimmed;
  return trimmed.startsWith('[') ? `$${trimmed}` : `$.${trimmed}`;
}

function describe(json: unknown): string {
  if (Array.isArray(json)) return `the response is a list of ${json.length} items`;
  if (json && typeof json === 'object')
    return `the response has the fields ${Object.keys(json).slice(0, 12).join(', ')}`;
  return `the response is ${JSON.stringify(json)?.slice(0, 60)}`;
}

/**
 * Picks part of a JSON response with a JSONPath ("$.data.items[0].price", "data.items[*].name").
 * Filters run in jsonpath-plus's safe evaluator, never as JavaScript.
 */
export function extractJsonPath(json: unknown, path: string): unknown {
  const full = normalize(path);
  let results: unknown[];
  try {
    results = JSONPath({ path: full, json: json as object, wrap: true, eval: 'safe' }) as unknown[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TailorError('HTTP_RESPONSE_PATH', `"${path}" is not a valid JSON path: ${reason}`);
  }
  if (matchesMany(full)) return results;
  if (results.length === 0) {
    throw new TailorError('HTTP_RESPONSE_PATH', `"${path}" found nothing; ${describe(json)}.`);
  }
  return results[0];
}
