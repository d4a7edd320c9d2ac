import { type ErrorCode, TailorError } from '@tailor/runtime';
import type { z } from 'zod';
import { decodeText } from '../../net/response-body.js';
import { maskSecrets } from '../mask-secrets.js';
import type { SearchCall } from './provider.js';

export interface ProviderRequest {
  provider: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** Pulls the provider's own error sentence out of an error body. */
  errorMessage: (body: unknown) => string | undefined;
  /** Extra advice per status, e.g. SearXNG's 403 when JSON output is off. */
  hints?: Partial<Record<number, string>>;
}

function codeFor(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'SEARCH_AUTH';
  if (status === 402 || status === 429 || status === 432 || status === 433) return 'SEARCH_RATE_LIMITED';
  if (status >= 400 && status < 500) return 'SEARCH_BAD_REQUEST';
  return 'SEARCH_UNAVAILABLE';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One provider request through the safe fetch, with every failure turned into a distinct error:
 * a refused key, a used-up quota, a bad request, an unreachable provider, or an unreadable reply.
 */
export async function callProvider<Schema extends z.ZodType>(
  request: ProviderRequest,
  schema: Schema,
  call: SearchCall,
): Promise<z.output<Schema>> {
  const secrets = [call.credential?.apiKey ?? ''];
  const fail = (code: ErrorCode, detail: string, status?: number) =>
    new TailorError(code, maskSecrets(`${request.provider}: ${detail}`, secrets), status ? { status } : undefined);
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Awaited<ReturnType<SearchCall['fetch']['fetch']>>;
  try {
    response = await call.fetch.fetch({
      url: request.url.href,
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      timeoutMs: call.timeoutMs,
      maxBytes: 5 * 1024 * 1024,
      signal: call.signal,
    });
  } catch (error) {
    if (call.signal.aborted) throw error;
    if (error instanceof TailorError && error.code === 'HTTP_ADDRESS_REFUSED') throw error;
    throw fail('SEARCH_UNAVAILABLE', error instanceof Error ? error.message : String(error));
  }
  const body = parseJson(decodeText(response.body, response.headers['content-type']));
  if (response.status >= 400) {
    const said = request.errorMessage(body) ?? `HTTP ${response.status}`;
    const hint = request.hints?.[response.status];
    throw fail(codeFor(response.status), hint ? `${said}. ${hint}` : said, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(
      'SEARCH_BAD_RESPONSE',
      `unexpected reply (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not JSON'})`,
    );
  }
  return parsed.data;
}

/** Providers put <b>…</b> and entities into snippets; the flow wants plain text. */
export function plainText(html: string | undefined | null): string {
  return (html ?? '')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(amp|lt|gt|quot|#39|nbsp);/g,
      (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[name] ?? '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

export function endpoint(baseUrl: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}
