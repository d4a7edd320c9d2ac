import { type ServiceRegistry, serviceKey, TailorError } from '@tailor/runtime';
import type { Agent } from 'undici';
import { request } from 'undici';
import { createGuardedAgent, type Resolver } from './guarded-agent.js';
import { createNetworkGuard, type NetworkGuard } from './network-guard.js';
import { discard, readLimited, tooLarge } from './response-body.js';

export interface SafeFetchRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whole request, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Header names to drop when a redirect leaves the original origin (authorization is always dropped). */
  sensitiveHeaders?: readonly string[];
  signal?: AbortSignal;
}

export interface SafeFetchResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Every URL that redirected, in order. */
  redirects: string[];
  timing: { totalMs: number; firstByteMs: number };
}

/** The one HTTP client nodes use to reach the outside world, with the SSRF guard built in. */
export interface SafeFetch {
  fetch(request: SafeFetchRequest): Promise<SafeFetchResponse>;
}

export const SafeFetchService = serviceKey<SafeFetch>('safe-fetch', 'the guarded HTTP client (network guard)');

export interface SafeFetchOptions {
  /** Internal hosts, `*.domain`, addresses and CIDR ranges reachable despite the guard. */
  allow?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  connectTimeoutMs?: number;
  userAgent?: string;
  /** Name resolution; the system resolver unless a test fakes DNS. */
  resolve?: Resolver;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ['authorization', 'proxy-authorization', 'cookie'];

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The next hop of a redirect: GET without body after 303 (and 301/302 of a POST), secrets dropped off-origin. */
function redirectHop(hop: Hop, status: number, location: string, sensitive: readonly string[]): Hop {
  const url = new URL(location, hop.url);
  const toGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST');
  const headers = { ...hop.headers };
  if (url.origin !== hop.url.origin) {
    for (const name of Object.keys(headers)) if (sensitive.includes(name.toLowerCase())) delete headers[name];
  }
  if (toGet) {
    for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
    return { url, method: 'GET', headers };
  }
  return { url, method: hop.method, headers, body: hop.body };
}

function timedOut(url: string, timeoutMs: number): TailorError {
  return new TailorError('HTTP_TIMEOUT', `${url} did not answer within ${timeoutMs} ms.`, { url, timeoutMs });
}

/** Unwraps undici's wrapping so a refusal reaches the node as the guard's own error. */
function explain(error: unknown, url: string): Error {
  if (error instanceof TailorError) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof TailorError) return cause;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return new TailorError('HTTP_FAILED', `${url}: ${code ? `${code} ` : ''}${message}`, {
    url,
    code: code || undefined,
  });
}

export function createSafeFetch(
  options: SafeFetchOptions = {},
): SafeFetch & { guard: NetworkGuard; close(): Promise<void> } {
  const guard = createNetworkGuard({ allow: options.allow });
  const agent: Agent = createGuardedAgent(guard, options.connectTimeoutMs ?? 10_000, options.resolve);
  const defaults = { timeoutMs: options.timeoutMs ?? 30_000, maxBytes: options.maxBytes ?? 10 * 1024 * 1024 };

  async function send(hop: Hop, signal: AbortSignal, maxBytes: number) {
    guard.checkUrl(hop.url);
    const response = await request(hop.url, {
      method: hop.method as 'GET',
      headers: hop.headers,
      body: hop.body,
      dispatcher: agent,
      signal,
    });
    const length = Number(response.headers['content-length'] ?? Number.NaN);
    if (length > maxBytes) {
      discard(response.body);
      throw tooLarge(hop.url.href, maxBytes);
    }
    return response;
  }

  async function fetchOnce(input: SafeFetchRequest, signal: AbortSignal): Promise<SafeFetchResponse> {
    const started = performance.now();
    const maxBytes = input.maxBytes ?? defaults.maxBytes;
    const sensitive = [...ALWAYS_SENSITIVE, ...(input.sensitiveHeaders ?? []).map((name) => name.toLowerCase())];
    const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'Tailor/0.1', ...input.headers };
    let hop: Hop = {
      url: new URL(input.url),
      method: (input.method ?? 'GET').toUpperCase(),
      headers,
      body: input.body,
    };
    const redirects: string[] = [];
    for (;;) {
      const response = await send(hop, signal, maxBytes);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        discard(response.body);
        if (redirects.length >= (input.maxRedirects ?? options.maxRedirects ?? 5)) {
          throw new TailorError('HTTP_FAILED', `${input.url} redirected more than ${redirects.length} times.`);
        }
        redirects.push(hop.url.href);
        hop = redirectHop(hop, response.statusCode, location, sensitive);
        continue;
      }
      const firstByteMs = performance.now() - started;
      const body = await readLimited(response.body, maxBytes, hop.url.href);
      const status = response.statusCode;
      const timing = { firstByteMs, totalMs: performance.now() - started };
      return { url: hop.url.href, status, headers: flattenHeaders(response.headers), body, redirects, timing };
    }
  }

  return {
    guard,
    close: () => agent.close(),
    async fetch(input) {
      const timeoutMs = input.timeoutMs ?? defaults.timeoutMs;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
      try {
        return await fetchOnce(input, signal);
      } catch (error) {
        if (input.signal?.aborted) throw input.signal.reason ?? error;
        if (timeout.aborted) throw timedOut(input.url, timeoutMs);
        throw explain(error, input.url);
      }
    },
  };
}

let fallback: SafeFetch | undefined;

/**
 * The host's safe fetch, or a guarded one with no allow-list when the host provided none: a node
 * never falls back to an unguarded client.
 */
export function safeFetchFrom(services: ServiceRegistry): SafeFetch {
  const provided = services.find(SafeFetchService);
  if (provided) return provided;
  fallback ??= createSafeFetch();
  return fallback;
}
