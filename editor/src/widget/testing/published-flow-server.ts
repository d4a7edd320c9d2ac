import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the published API the widget calls (run events as SSE, the widget
 * config as JSON, CORS for any origin), for the widget's own tests. The real server is exercised
 * by the end-to-end tests in test/e2e/widget/.
 */
export type ScriptedRun =
  | { answer: string; pieces?: string[]; output?: unknown }
  | { status: number; code: string; retryAfter?: number }
  /** Sends the first pieces, then drops the connection before `run.end`. */
  | { cut: string[] };

export interface RecordedRun {
  headers: IncomingMessage['headers'];
  body: { inputs?: { message?: string }; sessionId?: string };
}

export interface PublishedFlowServer {
  url: string;
  runs: RecordedRun[];
  script(...runs: ScriptedRun[]): void;
  config: Record<string, unknown>;
  /** Requests received and not yet answered. */
  pending(): number;
  /** Config requests answered so far. */
  configsServed: number;
  close(): Promise<void>;
}

function event(res: ServerResponse, type: string, seq: number, data: object): void {
  res.write(`event: ${type}\nid: ${seq}\ndata: ${JSON.stringify({ type, runId: 'run_1', seq, at: 0, ...data })}\n\n`);
}

function answer(res: ServerResponse, run: Extract<ScriptedRun, { answer: string }>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  event(res, 'run.start', 1, { flowId: 'faq', inputs: {} });
  const pieces = run.pieces ?? [run.answer];
  for (const [i, text] of pieces.entries()) event(res, 'node.delta', i + 2, { nodeId: 'answer', text });
  event(res, 'run.end', pieces.length + 2, { status: 'succeeded', output: run.output ?? run.answer, durationMs: 1 });
  res.end();
}

function handle(
  server: PublishedFlowServer,
  queue: ScriptedRun[],
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Tailor-User');
  if (req.method === 'OPTIONS') return res.writeHead(204).end();
  if (req.url?.endsWith('/config')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    server.configsServed++;
    return res.end(JSON.stringify(server.config));
  }
  server.runs.push({ headers: req.headers, body: JSON.parse(raw || '{}') });
  const run = queue.shift() ?? { answer: 'No answer was scripted.' };
  if ('answer' in run) return answer(res, run);
  if ('status' in run) {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (run.retryAfter) headers['Retry-After'] = String(run.retryAfter);
    return res.writeHead(run.status, headers).end(JSON.stringify({ error: { code: run.code, message: run.code } }));
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  for (const [i, text] of run.cut.entries()) event(res, 'node.delta', i + 1, { nodeId: 'answer', text });
  setTimeout(() => res.destroy(), 10);
}

export async function startPublishedFlowServer(): Promise<PublishedFlowServer> {
  const queue: ScriptedRun[] = [];
  let http: Server | undefined;
  let open = 0;
  const server: PublishedFlowServer = {
    url: '',
    runs: [],
    config: {},
    configsServed: 0,
    script: (...runs) => queue.push(...runs),
    pending: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        http?.closeAllConnections();
        http?.close(() => resolve());
      }),
  };
  http = createServer((req, res) => {
    open++;
    res.on('close', () => open--);
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => handle(server, queue, req, res, raw));
  });
  const started = http;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  return server;
}
