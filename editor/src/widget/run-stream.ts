import { type Answer, readAnswer } from './answer.js';
import { createSseParser } from './sse-parser.js';

/** The header carrying the host page's signed end-user identity (an HS256 JWT). */
export const USER_TOKEN_HEADER = 'X-Tailor-User';

export interface RunRequest {
  server: string;
  flow: string;
  key: string;
  message: string;
  sessionId: string;
  userToken?: string;
  signal: AbortSignal;
  /** The answer so far, each time a streamed piece arrives. */
  onText(text: string): void;
}

export type RunOutcome =
  | { ok: true; answer: Answer; runId?: string }
  | {
      ok: false;
      /** `NETWORK` when the server could not be reached or the stream broke; else the server's code. */
      code: string;
      message?: string;
      /** Worth trying again: network loss, a busy or failing server, a rate limit. */
      retryable: boolean;
      retryAfterMs?: number;
    };

type Bag = Record<string, unknown>;

function parseJson(text: string): Bag | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Bag) : undefined;
  } catch {
    return undefined;
  }
}

function errorOf(value: unknown): { code: string; message?: string } {
  const error = typeof value === 'object' && value !== null ? (value as Bag) : {};
  return {
    code: typeof error.code === 'string' ? error.code : 'SERVER_ERROR',
    ...(typeof error.message === 'string' ? { message: error.message } : {}),
  };
}

async function refusal(response: Response): Promise<RunOutcome> {
  const body = parseJson(await response.text().catch(() => ''));
  const { code, message } = errorOf(body?.error);
  const seconds = Number(response.headers.get('Retry-After'));
  const retryable = response.status === 429 || response.status >= 500;
  return {
    ok: false,
    code: response.status === 429 ? 'RATE_LIMITED' : code,
    ...(message ? { message } : {}),
    retryable,
    ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
  };
}

/**
 * Folds the run's SSE events into an outcome. Deltas are kept per node, and the text shown is the
 * one of the node that spoke last: a flow may stream a classifier before its answer. The final
 * output (`run.end`) is authoritative — an answer-side safety check may have redacted the stream.
 */
async function readEvents(body: ReadableStream<Uint8Array>, request: RunRequest): Promise<RunOutcome> {
  const texts = new Map<string, string>();
  let outcome: RunOutcome | undefined;
  let runId: string | undefined;
  const parser = createSseParser(({ event, data }) => {
    const payload = parseJson(data) ?? {};
    if (typeof payload.runId === 'string') runId = payload.runId;
    if (event === 'node.delta' && typeof payload.text === 'string' && payload.scope === undefined) {
      const node = String(payload.nodeId);
      const text = (texts.get(node) ?? '') + payload.text;
      texts.set(node, text);
      request.onText(text);
    } else if (event === 'run.end') {
      outcome =
        payload.status === 'succeeded'
          ? { ok: true, answer: readAnswer(payload.output), ...(runId ? { runId } : {}) }
          : { ok: false, ...errorOf(payload.error ?? { code: 'RUN_CANCELLED' }), retryable: false };
    } else if (event === 'error') {
      outcome = { ok: false, ...errorOf(payload.error ?? payload), retryable: false };
    }
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
    if (outcome) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return outcome ?? { ok: false, code: 'NETWORK', retryable: true };
}

/** Runs the published flow with the visitor's message and streams its answer (POST, so not EventSource). */
export async function streamRun(request: RunRequest): Promise<RunOutcome> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
    Authorization: `Bearer ${request.key}`,
  };
  if (request.userToken) headers[USER_TOKEN_HEADER] = request.userToken;
  try {
    const response = await fetch(`${request.server}/v1/flows/${encodeURIComponent(request.flow)}/run`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ inputs: { message: request.message }, sessionId: request.sessionId }),
      signal: request.signal,
      credentials: 'omit',
    });
    if (!response.ok) return await refusal(response);
    if (!response.headers.get('Content-Type')?.includes('text/event-stream') || !response.body) {
      const body = parseJson(await response.text());
      return body?.status === 'succeeded'
        ? { ok: true, answer: readAnswer(body.output) }
        : { ok: false, ...errorOf(body?.error), retryable: false };
    }
    return await readEvents(response.body, request);
  } catch (error) {
    if (request.signal.aborted) return { ok: false, code: 'ABORTED', retryable: false };
    return { ok: false, code: 'NETWORK', message: (error as Error).message, retryable: true };
  }
}
