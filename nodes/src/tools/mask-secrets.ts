/** What replaces a secret wherever it would be shown. */
export const MASK = '••••••';

/**
 * Replaces every occurrence of the given secrets in a value (strings, arrays, objects, deeply), so
 * an API that echoes a key back never puts it in a run record. Very short values are skipped: they
 * would mask ordinary text and are no real secret.
 */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  const usable = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return value;
  return maskValue(value, usable) as T;
}

function maskText(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
  return masked;
}

function maskValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return maskText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskValue(item, secrets)]));
  }
  return value;
}
