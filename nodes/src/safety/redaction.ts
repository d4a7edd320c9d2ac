import type { Finding } from './finding.js';

export type RedactionMode = 'mask' | 'placeholder';

export interface Redacted {
  text: string;
  /** Placeholder → original value, to restore them in the final answer (placeholder mode only). */
  placeholders: Record<string, string>;
}

/**
 * Replaces findings in the text, from the end so that offsets stay true. Masks keep what helps a
 * reader (`138****5678`); placeholders (`[CN_MOBILE_1]`) keep the value out of the model's sight
 * and can be put back into its answer with `restorePlaceholders`. The same value gets the same
 * placeholder, so the model can still tell two phone numbers apart.
 */
export function redact(
  text: string,
  findings: readonly Finding[],
  mode: RedactionMode,
  mask: (f: Finding) => string,
): Redacted {
  const placeholders: Record<string, string> = {};
  const byValue = new Map<string, string>();
  const counters = new Map<string, number>();
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  const replacement = (finding: Finding): string => {
    if (mode === 'mask') return mask(finding);
    const key = `${finding.type}\u0000${finding.match}`;
    const known = byValue.get(key);
    if (known) return known;
    const label = finding.type.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    const count = (counters.get(label) ?? 0) + 1;
    counters.set(label, count);
    const placeholder = `[${label}_${count}]`;
    byValue.set(key, placeholder);
    placeholders[placeholder] = finding.match;
    return placeholder;
  };
  const parts: string[] = [];
  let cursor = 0;
  for (const finding of ordered) {
    if (finding.start < cursor) continue;
    parts.push(text.slice(cursor, finding.start), replacement(finding));
    cursor = finding.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), placeholders };
}

/** Puts the original values back where the model kept the placeholders. */
export function restorePlaceholders(text: string, placeholders: Readonly<Record<string, string>>): string {
  if (Object.keys(placeholders).length === 0) return text;
  return text.replace(/\[[A-Z0-9_]+_\d+\]/g, (placeholder) => placeholders[placeholder] ?? placeholder);
}

export const PLACEHOLDER_MAX_LENGTH = 40;
