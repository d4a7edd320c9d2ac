import { defineNode, ERROR_CODES, type NodeContext, TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { decodeText } from '../net/response-body.js';
import { type SafeFetch, type SafeFetchRequest, type SafeFetchResponse, safeFetchFrom } from '../net/safe-fetch.js';
import { resolveAuth } from './http-auth.js';
import { buildUrl, encodeBody, mergeHeaders } from './http-request.js';
import { isRetryableStatus, mayRetryFailure, retryAfterMs, retryDelayMs, sleep } from './http-retry.js';
import { extractJsonPath } from './json-path.js';
import { MASK, maskSecrets } from './mask-secrets.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
/** The longest wait a Retry-After may impose before the node gives up instead. */
const MAX_RETRY_WAIT_MS = 60_000;

export const HttpConfigSchema = z.object({
  method: z
    .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
    .default('GET')
    .describe('The HTTP method.'),
  url: z
    .string()
    .min(1, 'the URL is required')
    .describe('The address, with {{ }} references, e.g. https://api.example.com/tickets/{{ start.id }}.'),
  headers: z.record(z.string(), Scalar.transform(String)).optional().describe('Extra request headers.'),
  query: z
    .record(z.string(), z.union([Scalar, z.null(), z.array(Scalar)]))
    .optional()
    .describe('Query parameters; a list repeats the parameter.'),
  body: z.unknown().optional().describe('The request body: an object, or text.'),
  bodyType: z
    .enum(['json', 'form', 'raw'])
    .default('json')
    .describe('How the body is sent: JSON, a form, or raw text.'),
  credential: z
    .string()
    .min(1)
    .optional()
    .describe('A stored credential: bearer token, API key (header or query), basic auth or custom headers.'),
  responsePath: z
    .string()
    .min(1)
    .optional()
    .describe('Keep only part of a JSON answer: a JSONPath such as $.data.price or data.items[*].name.'),
  responseType: z
    .enum(['auto', 'json', 'text'])
    .default('auto')
    .describe('Read the answer as JSON, text, or as the server says.'),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000).describe('Time limit of one attempt, in ms.'),
  retries: z.number().int().min(0).max(5).default(2).describe('Retries on 429, 5xx and network errors.'),
  retryBackoffMs: z
    .number()
    .int()
    .min(0)
    .max(30_000)
    .default(500)
    .describe('First wait between retries (doubles), unless the server sends Retry-After.'),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  failOnStatus: z
    .boolean()
    .default(true)
    .describe('Fail (and take the error port) on a 4xx/5xx answer; off returns it as output.'),
});
export type HttpConfig = z.output<typeof HttpConfigSchema>;

export const HttpOutputSchema = z.object({
  status: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().describe('Parsed JSON (or the part the JSON path picked), else text.'),
  url: z.string(),
  attempts: z.number(),
  timing: z.object({ totalMs: z.number(), firstByteMs: z.number() }),
});
export type HttpOutput = z.output<typeof HttpOutputSchema>;

function parseBody(response: SafeFetchResponse, config: HttpConfig, log: NodeContext<HttpConfig>['log']): unknown {
  const contentType = response.headers['content-type'];
  const text = decodeText(response.body, contentType);
  const wantsJson =
    config.responseType === 'json' || (config.responseType === 'auto' && /json/i.test(contentType ?? ''));
  if (!wantsJson && !config.responsePath) return text;
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    if (config.responseType === 'json' || config.responsePath) {
      throw new TailorError('HTTP_RESPONSE_PATH', `The response of ${response.url} is not JSON: ${text.slice(0, 120)}`);
    }
    log('warn', 'The response says it is JSON but is not; it is returned as text.');
    return text;
  }
}

function retryableError(error: unknown): boolean {
  return error instanceof TailorError && (error.code === 'HTTP_FAILED' || error.code === 'HTTP_TIMEOUT');
}

async function fetchWithRetries(
  ctx: NodeContext<HttpConfig>,
  fetcher: SafeFetch,
  request: SafeFetchRequest,
  shownUrl: string,
): Promise<{ response: SafeFetchResponse; attempts: number }> {
  const { retries, retryBackoffMs } = ctx.config;
  for (let attempt = 1; ; attempt++) {
    let response: SafeFetchResponse | undefined;
    try {
      response = await fetcher.fetch(request);
      if (!isRetryableStatus(response.status, request.method) || attempt > retries)
        return { response, attempts: attempt };
    } catch (error) {
      if (!retryableError(error) || !mayRetryFailure(request.method ?? 'GET') || attempt > retries) throw error;
    }
    const wait = retryDelayMs(attempt, retryBackoffMs, retryAfterMs(response?.headers['retry-after']));
    if (response && wait > MAX_RETRY_WAIT_MS) return { response, attempts: attempt };
    const what = response ? `answered ${response.status}` : 'failed';
    ctx.log('warn', `${request.method} ${shownUrl} ${what}; retry ${attempt} of ${retries} in ${wait} ms`);
    await sleep(wait, ctx.signal);
  }
}

function statusError(response: SafeFetchResponse, method: string, shownUrl: string, body: unknown): TailorError {
  const excerpt = (typeof body === 'string' ? body : (JSON.stringify(body) ?? '')).slice(0, 300);
  return new TailorError('HTTP_STATUS', `${method} ${shownUrl} answered ${response.status}: ${excerpt}`, {
    status: response.status,
    body: excerpt,
  });
}

/** Session cookies an API sets are credentials too: the run record shows that one was set, not its value. */
function withoutCookies(headers: Record<string, string>): Record<string, string> {
  return 'set-cookie' in headers ? { ...headers, 'set-cookie': MASK } : headers;
}

/** An error whose message or details would show a secret (an API echoing the key) is rebuilt masked. */
function maskError(error: unknown, mask: <T>(value: T) => T): unknown {
  if (!(error instanceof TailorError)) return error;
  const message = mask(error.message);
  if (message === error.message) return error;
  const detail = message.slice(ERROR_CODES[error.code].length + 1);
  return new TailorError(error.code, detail, mask(error.details));
}

async function runHttp(ctx: NodeContext<HttpConfig>) {
  const { config } = ctx;
  const auth = await resolveAuth(ctx.services, config.credential);
  const mask = <T>(value: T): T => maskSecrets(value, auth.secrets);
  const url = buildUrl(config.url, config.query, auth.query);
  const shownUrl = mask(url.href);
  const hasBody = config.method !== 'GET' && config.method !== 'HEAD';
  if (!hasBody && config.body !== undefined)
    ctx.log('warn', `A ${config.method} request sends no body; the body is ignored.`);
  const encoded = hasBody ? encodeBody(config.body, config.bodyType) : {};
  const headers = mergeHeaders(
    encoded.contentType ? { 'content-type': encoded.contentType } : {},
    config.headers,
    auth.headers,
  );
  const request: SafeFetchRequest = {
    url: url.href,
    method: config.method,
    headers,
    body: encoded.body,
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    sensitiveHeaders: Object.keys(auth.headers),
    signal: ctx.signal,
  };
  try {
    const { response, attempts } = await fetchWithRetries(ctx, safeFetchFrom(ctx.services), request, shownUrl);
    ctx.log('info', `${config.method} ${shownUrl} → ${response.status} in ${Math.round(response.timing.totalMs)} ms`);
    const parsed = mask(parseBody(response, config, ctx.log));
    if (response.status >= 400 && config.failOnStatus) throw statusError(response, config.method, shownUrl, parsed);
    const body = config.responsePath && response.status < 400 ? extractJsonPath(parsed, config.responsePath) : parsed;
    const output = {
      status: response.status,
      headers: withoutCookies(mask(response.headers)),
      body,
      url: mask(response.url),
      attempts,
    };
    return { output: { ...output, timing: response.timing } };
  } catch (error) {
    throw maskError(error, mask);
  }
}

export const httpNode = defineNode({
  type: 'http',
  version: 1,
  title: { en: 'API tool', zh: 'API 工具' },
  description: {
    en: 'Call an HTTP API with stored credentials, retries and a JSON path on the answer; internal addresses are refused unless allow-listed.',
    zh: '调用 HTTP 接口：使用已保存的凭据、自动重试、按 JSON 路径取值；内网地址默认拒绝，除非加入白名单。',
  },
  category: 'tool',
  config: HttpConfigSchema,
  output: HttpOutputSchema,
  ports: ['out'],
  defaultTimeoutMs: 120_000,
  run: runHttp,
});
