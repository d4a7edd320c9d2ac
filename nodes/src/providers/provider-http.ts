import { TailorError } from '@tailor/runtime';
import { providerHttpError, providerNetworkError, redactSecrets } from './provider-errors.js';
import { DEFAULT_RETRY, type RetryOptions, retryAfterMs, withRetry } from './retry.js';
import { readChunks } from './sse.js';

/** Where and how to call one provider: everything a client needs, resolved from a credential. */
export interface ProviderEndpoint {
  /** The provider's name, used in messages (`openai`, `deepseek`, …). */
  provider: string;
  /** Without a trailing slash, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Auth and extra headers; never logged. */
  headers: Record<string, string>;
  /** Extra query parameters on every call (Azure's `api-version`). */
  query?: Record<string, string>;
  /** Values to scrub from anything we report. */
  secrets: readonly string[];
  retry: RetryOptions;
  /** A stream silent for this long fails (default 60 s). */
  idleTimeoutMs: number;
}

export function endpointOf(partial: Partial<ProviderEndpoint> & Pick<ProviderEndpoint, 'provider' | 'baseUrl'>) {
  return {
    headers: {},
    secrets: [],
    retry: DEFAULT_RETRY,
    idleTimeoutMs: 60_000,
    ...partial,
    baseUrl: partial.baseUrl.replace(/\/+$/, ''),
  } satisfies ProviderEndpoint;
}

export function urlOf(endpoint: ProviderEndpoint, path: string): string {
  const url = new URL(`${endpoint.baseUrl}${path}`);
  for (const [name, value] of Object.entries(endpoint.query ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Sends one request, retrying rate limits and outages (honouring Retry-After), and returns the
 * response once it is 2xx. Failures become TailorErrors with the provider's message, secrets removed.
 */
export function sendProviderRequest(
  endpoint: ProviderEndpoint,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal },
): Promise<Response> {
  return withRetry(() => sendOnce(endpoint, path, init), endpoint.retry, init.signal);
}

async function sendOnce(
  endpoint: ProviderEndpoint,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal },
): Promise<Response> {
  const url = urlOf(endpoint, path);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'POST',
      headers: {
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
        ...endpoint.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (thrown) {
    if (init.signal?.aborted) throw init.signal.reason;
    throw redactError(providerNetworkError(endpoint.provider, url, thrown), endpoint.secrets);
  }
  if (response.ok) return response;
  const text = await response.text().catch(() => '');
  const error = providerHttpError(endpoint.provider, response.status, text, endpoint.secrets);
  const wait = retryAfterMs(response.headers);
  if (wait === undefined) throw error;
  throw copyError(error, error.message, { ...(error.details as object), retryAfterMs: wait });
}

function redactError(error: TailorError, secrets: readonly string[]): TailorError {
  const clean = redactSecrets(error.message, secrets);
  return clean === error.message ? error : copyError(error, clean, error.details);
}

function copyError(error: TailorError, message: string, details: unknown): TailorError {
  const copy = new TailorError(error.code, undefined, details);
  copy.message = message;
  return copy;
}

/** Far above any real answer (a batch of large embeddings is a few MB): a runaway body fails, it does not fill memory. */
const MAX_JSON_BODY_CHARS = 64 * 1024 * 1024;

/** Reads a JSON body; anything unreadable is the provider's fault, said so plainly. */
export async function readJsonBody(endpoint: ProviderEndpoint, response: Response): Promise<unknown> {
  // Read under the idle timeout too: a body that stalls after its headers fails instead of hanging.
  const decoder = new TextDecoder();
  let text = '';
  const reading = { provider: endpoint.provider, idleTimeoutMs: endpoint.idleTimeoutMs };
  for await (const chunk of readChunks(response.body, reading)) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length > MAX_JSON_BODY_CHARS) {
      throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent an answer larger than 64 MB.`);
    }
  }
  text += decoder.decode();
  try {
    return JSON.parse(text);
  } catch {
    const excerpt = redactSecrets(text.slice(0, 200), endpoint.secrets);
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent something that is not JSON: ${excerpt}`);
  }
}
