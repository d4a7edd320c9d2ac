/** Resolves local `$ref`s (`#/components/...`) inside an OpenAPI document, stopping at cycles. */
export function resolveRefs(value: unknown, root: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, root, seen));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string') {
    if (seen.includes(ref)) return { type: 'object', description: `(recursive ${ref.split('/').pop()})` };
    return resolveRefs(lookup(ref, root), root, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, resolveRefs(item, root, seen)]));
}

function lookup(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only references inside the document are supported, not "${ref}".`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!node || typeof node !== 'object' || !(key in node))
      throw new Error(`The reference "${ref}" points at nothing.`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
