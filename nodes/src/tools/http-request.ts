/** Query values as a flow writes them: scalars, lists (repeated keys) or nothing. */
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

/** The URL with the query parameters appended (existing ones kept), each properly encoded. */
export function buildUrl(url: string, ...queries: Array<Record<string, QueryValue> | undefined>): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a full URL; it must start with http:// or https://.`);
  }
  for (const query of queries) {
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === null || value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) target.searchParams.append(name, String(item));
    }
  }
  return target;
}

export type BodyType = 'json' | 'form' | 'raw';

export interface EncodedBody {
  body?: string;
  contentType?: string;
}

/** Encodes the body: JSON (an object, or JSON text as written), a form, or raw text. */
export function encodeBody(body: unknown, type: BodyType): EncodedBody {
  if (body === undefined || body === null || body === '') return {};
  if (type === 'form') {
    const form = new URLSearchParams();
    const fields = typeof body === 'object' ? Object.entries(body as Record<string, unknown>) : [];
    if (typeof body === 'string') return { body, contentType: 'application/x-www-form-urlencoded' };
    for (const [name, value] of fields) {
      if (value !== undefined && value !== null)
        form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (type === 'raw') {
    return { body: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'text/plain; charset=utf-8' };
  }
  return { body: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' };
}

/** Headers by lower-cased name, later sources winning (node headers, then the credential). */
export function mergeHeaders(...sources: Array<Record<string, string> | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources)
    for (const [name, value] of Object.entries(source ?? {})) merged[name.toLowerCase()] = value;
  return merged;
}
