import { type $ZodType, type output, safeParse } from 'zod/v4/core';

/** An API failure as a value the UI can show: the server's code and sentence, and the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: unknown;

  constructor(status: number, code: string, message: string, problems?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Called when the session is gone, so the app can show the login page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface ErrorBody {
  error?: { code?: string; message?: string; problems?: unknown };
}

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy or a crash may answer with HTML; the status line is all there is then.
  }
  const message = body.error?.message ?? `${response.status} ${response.statusText}`;
  return new ApiError(response.status, body.error?.code ?? `HTTP_${response.status}`, message, body.error?.problems);
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  // Mutating editor requests carry the CSRF header the server requires (with SameSite=Strict cookies).
  if (method !== 'GET') headers['X-Tailor-Csrf'] = '1';
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    // no-store: editor data changes under the same ETag (publishing keeps the draft revision), and a
    // revalidated 304 would show a stale published version.
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check that Tailor is running.');
  }
  if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
  if (!response.ok) throw await readError(response);
  return response;
}

/** A JSON request whose answer is checked against a schema: the boundary of every API call. */
export async function request<S extends $ZodType>(
  schema: S,
  path: string,
  options: RequestOptions = {},
): Promise<output<S>> {
  const response = await send(path, options);
  const text = await response.text();
  const data: unknown = text === '' ? undefined : JSON.parse(text);
  // zod's core parser: the sign-in check uses zod/mini schemas, the rest full zod, both run here.
  const parsed = safeParse(schema, data);
  if (!parsed.success) {
    throw new ApiError(response.status, 'BAD_RESPONSE', `The server sent an unexpected answer for ${path}.`);
  }
  return parsed.data;
}

/** A request whose answer body does not matter (DELETE, logout). */
export async function requestVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

/** A request whose answer is downloaded as-is (export). */
export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, options);
  return response.text();
}
