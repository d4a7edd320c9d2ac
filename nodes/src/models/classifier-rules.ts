/** A class as the classifier matches it: its name (the port), keywords and how to describe it. */
export interface ClassRule {
  name: string;
  description?: string;
  keywords?: readonly string[];
  examples?: readonly string[];
}

/**
 * The zero-cost first pass: the class whose keywords appear most often in the text (case-
 * insensitive, so it works for Chinese and English alike). Undefined when no keyword matches or
 * two classes tie, which leaves the decision to the model.
 */
export function matchKeywords(text: string, classes: readonly ClassRule[]): string | undefined {
  const haystack = text.toLowerCase();
  let best: { name: string; hits: number } | undefined;
  let tie = false;
  for (const rule of classes) {
    const hits = (rule.keywords ?? []).filter((k) => k.trim() && containsKeyword(haystack, k.toLowerCase())).length;
    if (hits === 0) continue;
    if (!best || hits > best.hits) {
      best = { name: rule.name, hits };
      tie = false;
    } else if (hits === best.hits) {
      tie = true;
    }
  }
  return best && !tie ? best.name : undefined;
}

/**
 * CJK keywords match anywhere (there are no spaces between words); Latin ones must start a word,
 * so "ship" finds "shipping" but not "relationship".
 */
function containsKeyword(haystack: string, keyword: string): boolean {
  if (!/^[\x20-\x7e]+$/.test(keyword)) return haystack.includes(keyword);
  for (let at = haystack.indexOf(keyword); at >= 0; at = haystack.indexOf(keyword, at + 1)) {
    if (at === 0 || !/[a-z0-9]/.test(haystack.charAt(at - 1))) return true;
  }
  return false;
}

/** The instructions that make a chat model act as a classifier. */
export function classifierPrompt(classes: readonly ClassRule[], instructions?: string): string {
  const lines = classes.map((rule) => {
    const examples = rule.examples?.length
      ? ` (for example: ${rule.examples.map((e) => JSON.stringify(e)).join(', ')})`
      : '';
    return `- ${rule.name}${rule.description ? `: ${rule.description}` : ''}${examples}`;
  });
  return [
    'You classify a text into exactly one of these classes:',
    ...lines,
    ...(instructions?.trim() ? ['', instructions.trim()] : []),
    '',
    `Reply with JSON only: {"class": "<one of ${classes.map((c) => c.name).join(', ')}>", "confidence": <a number from 0 to 1>}`,
  ].join('\n');
}

/** The class a model's reply names, read as leniently as is safe; undefined if it names none. */
export function readModelChoice(
  reply: string,
  classes: readonly ClassRule[],
): { name: string; confidence: number } | undefined {
  const byName = (candidate: unknown) =>
    typeof candidate === 'string'
      ? classes.find((c) => c.name.toLowerCase() === candidate.trim().toLowerCase())?.name
      : undefined;
  const json = firstJsonObject(reply);
  if (json) {
    const name = byName(json.class ?? json.label ?? json.category);
    const raw = Number(json.confidence);
    if (name) return { name, confidence: Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0.5 };
  }
  const exact = byName(reply.replace(/^["'`\s]+|["'`.\s]+$/g, ''));
  if (exact) return { name: exact, confidence: 0.5 };
  const mentioned = classes.filter((c) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(c.name)}($|[^\\p{L}\\p{N}_])`, 'iu').test(reply),
  );
  return mentioned.length === 1 && mentioned[0] ? { name: mentioned[0].name, confidence: 0.3 } : undefined;
}

function firstJsonObject(text: string): Record<string, unknown> | undefined {
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) return undefined;
  try {
    const value: unknown = JSON.parse(match[0]);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
