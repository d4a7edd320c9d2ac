/**
 * Rewrites `{{ old.x }}`-style references to a renamed node inside any JSON value. Only the name
 * right after `{{`/`{%` (or after a filter's argument boundary) is touched, never plain text.
 */
export function renameReferences(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return renameInText(value, from, to);
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, from, to));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = renameReferences(item, from, to);
    return result;
  }
  return value;
}

const TAG = /(\{\{-?|\{%-?)([\s\S]*?)(-?\}\}|-?%\})/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function renameInText(text: string, from: string, to: string): string {
  if (!text.includes(from)) return text;
  // A name is a whole identifier not preceded by "." (a property) nor part of a longer name.
  const name = new RegExp(`(^|[^\\w.\\-"'])${escapeRegExp(from)}(?![\\w-])`, 'g');
  return text.replace(TAG, (_all, open: string, body: string, close: string) => {
    return `${open}${body.replace(name, (_m, before: string) => `${before}${to}`)}${close}`;
  });
}
