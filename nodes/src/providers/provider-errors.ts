import { type ErrorCode, TailorError } from '@tailor/runtime';

/** What the provider's error body said, whatever its dialect (OpenAI, Anthropic, Ollama, Cohere, Jina). */
export interface ProviderErrorBody {
  message?: string;
  type?: string;
  code?: string;
}

const CONTEXT_TOO_LONG =
  /context[ _]length|maximum context|context window|too many tokens|prompt is too long|input (is )?too long|reduce the length|exceeds? the (model'?s? )?(maximum|max)|range of input length/i;
const QUOTA = /insufficient_quota|exceeded your current quota|quota|balance|arrearage|billing|credit/i;

/** Reads the message, type and code out of an error body in any of the dialects we speak. */
export function parseErrorBody(text: string): ProviderErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim() ? { message: text.trim().slice(0, 500) } : {};
  }
  if (!json || typeof json !== 'object') return {};
  const body = json as Record<string, unknown>;
  const inner = body.error;
  if (typeof inner === 'string') return { message: inner };
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>;
    return { message: stringOf(e.message), type: stringOf(e.type), code: stringOf(e.code) };
  }
  return { message: stringOf(body.message) ?? stringOf(body.detail), code: stringOf(body.code) };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value !== undefined && value !== null && typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

/** The error code for an HTTP failure: status first, then what the body says. */
export function classifyProviderError(status: number, body: ProviderErrorBody): ErrorCode {
  const said = `${body.code ?? ''} ${body.type ?? ''} ${body.message ?? ''}`;
  if (status === 401 || status === 403) return 'PROVIDER_AUTH';
  if (status === 402 || (status === 429 && QUOTA.test(said))) return 'PROVIDER_QUOTA_EXCEEDED';
  if (status === 429) return 'PROVIDER_RATE_LIMITED';
  if (CONTEXT_TOO_LONG.test(said) && status < 500) return 'PROVIDER_CONTEXT_TOO_LONG';
  if (status === 404 || /model_not_found|model.*(not found|does not exist)/i.test(said)) {
    return /model/i.test(said) ? 'PROVIDER_MODEL_NOT_FOUND' : 'PROVIDER_BAD_REQUEST';
  }
  if (/content[_ ]filter|data_inspection|sensitive|content_policy/i.test(said) && status < 500) {
    return 'PROVIDER_CONTENT_FILTERED';
  }
  if (status === 408 || status >= 500) return 'PROVIDER_UNAVAILABLE';
  return 'PROVIDER_BAD_REQUEST';
}

/** Replaces every secret (and the long tail of a key echoed back) with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('***');
    // Providers echo part of a bad key ("sk-abc...wxyz"); drop any 8+ character run of it too.
    if (secret.length >= 16) out = out.split(secret.slice(-8)).join('***').split(secret.slice(0, 12)).join('***');
  }
  return out;
}

/** A TailorError for a failed HTTP answer, carrying the provider's own words without secrets. */
export function providerHttpError(
  provider: string,
  status: number,
  bodyText: string,
  secrets: readonly string[],
): TailorError {
  const body = parseErrorBody(bodyText);
  const code = classifyProviderError(status, body);
  const said = body.message ? `: "${redactSecrets(body.message, secrets).slice(0, 1000)}"` : '';
  const hint = code === 'PROVIDER_BAD_REQUEST' && status === 404 ? ' (check the base URL)' : '';
  return new TailorError(code, `${provider} answered HTTP ${status}${said}${hint}`, {
    provider,
    status,
    ...(body.code ? { providerCode: body.code } : {}),
    ...(body.type ? { providerType: body.type } : {}),
  });
}

/** A TailorError for a request that never got an HTTP answer (refused, reset, DNS). */
export function providerNetworkError(provider: string, url: string, thrown: unknown): TailorError {
  const cause = thrown instanceof Error && thrown.cause instanceof Error ? thrown.cause : undefined;
  const code =
    (cause as { code?: string } | undefined)?.code ?? (thrown instanceof Error ? thrown.message : String(thrown));
  return new TailorError('PROVIDER_UNAVAILABLE', `Could not reach ${provider} at ${new URL(url).origin} (${code}).`, {
    provider,
  });
}

/** Errors worth another try after a pause: rate limits and provider outages, never bad requests. */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof TailorError && (error.code === 'PROVIDER_RATE_LIMITED' || error.code === 'PROVIDER_UNAVAILABLE')
  );
}
