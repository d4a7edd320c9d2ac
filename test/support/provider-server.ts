import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { anthropicRoutes } from './anthropic-protocol.js';
import { ollamaRoutes } from './ollama-protocol.js';
import { openAiRoutes } from './openai-protocol.js';
import { rerankRoutes } from './rerank-protocol.js';
import type { ScriptedReply, ScriptRoute } from './scripted-replies.js';

export interface ProviderServerOptions {
  /** When set, requests must present this key (Bearer, `x-api-key` or `api-key` header) or get 401. */
  apiKey?: string;
  /** Models the server knows; a request for another model gets the protocol's 404. Default: any. */
  models?: string[];
  /** Prompts estimated above this many tokens get the protocol's context-length error. */
  contextWindow?: number;
  /** Length of the deterministic embedding vectors (default 64). */
  embeddingDimensions?: number;
  /** Request fields refused with a 400, as an older server does (e.g. `stream_options`). */
  refuseFields?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text when it is not JSON; undefined for GET). */
  body: unknown;
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
  /** `performance.now()` when the first byte of the answer body was written. */
  firstByteAt?: number;
  /** `performance.now()` when the first piece of answer text was written (streams only). */
  firstTokenAt?: number;
  /** The client went away before the answer was complete (a cancelled or timed-out call). */
  aborted: boolean;
}

/** One request being answered, as protocol modules see it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly record: RecordedRequest;
  readonly body: Record<string, unknown>;
  readonly options: ProviderServerOptions;
  /** The next scripted reply for this route, if a test queued one. */
  take(route: ScriptRoute): ScriptedReply | undefined;
  /** Writes a piece of the body, noting the first byte; false once the client has gone. */
  write(chunk: string): boolean;
  sendJson(status: number, body: unknown, headers?: Record<string, string>): void;
  /** The key the request presented, from whichever header its protocol uses. */
  presentedKey(): string | undefined;
}

export type RouteHandler = (exchange: Exchange) => Promise<void> | void;
export type RouteTable = Record<string, RouteHandler>;

export interface ProviderServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Base URL for OpenAI-compatible clients (`<url>/v1`). */
  readonly openaiBaseUrl: string;
  /** Base URL for Anthropic clients (they add `/v1/messages`). */
  readonly anthropicBaseUrl: string;
  /** Base URL for Ollama clients (`/api/tags`, `/api/chat`, `/api/embed`; `/v1` too). */
  readonly ollamaBaseUrl: string;
  /** Base URL for Cohere/Jina-style rerank clients (they add `/rerank`). */
  readonly rerankBaseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues a reply for the next request on a route (default `chat`). */
  enqueue(reply: ScriptedReply, route?: ScriptRoute): ProviderServer;
  /** Replies still queued on a route. */
  pending(route?: ScriptRoute): number;
  /** Requests whose path ends with `suffix`. */
  requestsTo(suffix: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a local server on 127.0.0.1 (random port) that speaks the OpenAI-compatible, Anthropic,
 * Ollama and Cohere/Jina rerank wire protocols over real HTTP, streaming included.
 */
export async function startProviderServer(options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const queues = new Map<ScriptRoute, ScriptedReply[]>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const routes: RouteTable = { ...openAiRoutes(), ...anthropicRoutes(), ...ollamaRoutes(), ...rerankRoutes() };
  const take = (route: ScriptRoute) => queues.get(route)?.shift();

  const server = createServer((req, res) => {
    void handle(req, res, { routes, options, take, requests }).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `test server failed: ${String(error)}` } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: ProviderServer = {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    ollamaBaseUrl: url,
    rerankBaseUrl: `${url}/v1`,
    requests,
    enqueue(reply, route = 'chat') {
      const queue = queues.get(route) ?? [];
      queue.push(reply);
      queues.set(route, queue);
      return api;
    },
    pending: (route = 'chat') => queues.get(route)?.length ?? 0,
    requestsTo: (suffix) => requests.filter((r) => r.path.endsWith(suffix)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return api;
}

interface ServerState {
  routes: RouteTable;
  options: ProviderServerOptions;
  take: (route: ScriptRoute) => ScriptedReply | undefined;
  requests: RecordedRequest[];
}

async function handle(req: IncomingMessage, res: ServerResponse, state: ServerState): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://local').pathname;
  const text = await readBody(req);
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
    body: parseBody(text),
    receivedAt: performance.now(),
    aborted: false,
  };
  state.requests.push(record);
  res.on('close', () => {
    if (!res.writableFinished) record.aborted = true;
  });
  const handler = state.routes[`${record.method} ${path}`];
  if (!handler) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no route ${record.method} ${path}`, type: 'not_found' } }));
    return;
  }
  await handler(createExchange(req, res, record, state));
}

function createExchange(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, state: ServerState) {
  const body = record.body && typeof record.body === 'object' ? (record.body as Record<string, unknown>) : {};
  const exchange: Exchange = {
    req,
    res,
    record,
    body,
    options: state.options,
    take: state.take,
    write(chunk) {
      if (res.destroyed || res.writableEnded) return false;
      record.firstByteAt ??= performance.now();
      res.write(chunk);
      return true;
    },
    sendJson(status, payload, headers = {}) {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      record.firstByteAt ??= performance.now();
      res.end(JSON.stringify(payload));
    },
    presentedKey() {
      const bearer = /^Bearer (.+)$/i.exec(record.headers.authorization ?? '')?.[1];
      return bearer ?? record.headers['x-api-key'] ?? record.headers['api-key'];
    },
  };
  return exchange;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Waits, ending early when the client goes away. */
export function pause(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

/** Closes the connection once what was written has left, so the client sees a stream cut mid-way. */
export function cutAfterFlush(res: ServerResponse): void {
  res.write('', () => setImmediate(() => res.destroy()));
}
