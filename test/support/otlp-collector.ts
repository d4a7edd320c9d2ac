import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';

/**
 * An OpenTelemetry collector's OTLP/HTTP traces receiver (`POST /v1/traces`) on 127.0.0.1, for
 * tests: it reads `application/json` requests as the OTLP/JSON mapping of
 * `ExportTraceServiceRequest` defines them (hex ids, 64-bit integers as decimal strings), answers
 * 415 to other encodings as a JSON-only receiver does, and keeps every span it accepted.
 */
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const AnyValue = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).optional(),
  doubleValue: z.number().optional(),
});
const Attributes = z.array(z.object({ key: z.string(), value: AnyValue })).default([]);
const Nanos = z.union([z.string().regex(/^\d+$/), z.number().int()]);
const RequestSchema = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: Attributes }).optional(),
      scopeSpans: z.array(
        z.object({
          scope: z.object({ name: z.string() }).optional(),
          spans: z.array(
            z.object({
              traceId: hex(16),
              spanId: hex(8),
              parentSpanId: z.union([hex(8), z.literal('')]).optional(),
              name: z.string(),
              kind: z.number().int().optional(),
              startTimeUnixNano: Nanos,
              endTimeUnixNano: Nanos,
              attributes: Attributes,
              status: z.object({ code: z.number().int().optional(), message: z.string().optional() }).optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  statusCode: number;
  /** Attribute values as plain JS values (ints as numbers). */
  attributes: Record<string, string | number | boolean>;
  resource: Record<string, string | number | boolean>;
}

export interface OtlpCollector {
  /** The base endpoint, as TAILOR_OTLP_ENDPOINT takes it. */
  endpoint: string;
  spans: CollectedSpan[];
  requests: Array<{ headers: IncomingMessage['headers']; spanCount: number }>;
  /** `accept` (default), answer every request with this status, or `hang` (read the body, never answer). */
  mode: 'accept' | 'hang' | number;
  /** Resolves once at least `count` spans matching `where` have arrived. */
  waitForSpans(count: number, where?: (span: CollectedSpan) => boolean): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

function plain(value: z.output<typeof AnyValue>): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.doubleValue ?? '';
}

const record = (list: z.output<typeof Attributes>) => Object.fromEntries(list.map((kv) => [kv.key, plain(kv.value)]));

export async function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const requests: OtlpCollector['requests'] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const collector = { mode: 'accept' as OtlpCollector['mode'] };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/traces') return res.writeHead(404).end();
    if (collector.mode === 'hang') return;
    if (typeof collector.mode === 'number') {
      return res.writeHead(collector.mode, { 'content-type': 'application/json' }).end('{"code":14}');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return res.writeHead(415).end();
    const parsed = RequestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) {
      return res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(parsed.error.issues));
    }
    let count = 0;
    for (const resourceSpans of parsed.data.resourceSpans) {
      const resource = record(resourceSpans.resource?.attributes ?? []);
      for (const scope of resourceSpans.scopeSpans) {
        for (const span of scope.spans) {
          count++;
          spans.push({
            traceId: span.traceId,
            spanId: span.spanId,
            ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
            name: span.name,
            startMs: Number(BigInt(span.startTimeUnixNano) / 1_000_000n),
            endMs: Number(BigInt(span.endTimeUnixNano) / 1_000_000n),
            statusCode: span.status?.code ?? 0,
            attributes: record(span.attributes),
            resource,
          });
        }
      }
    }
    requests.push({ headers: req.headers, spanCount: count });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    for (const wake of waiters) wake();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(400).end());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(collector, {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    waitForSpans(count: number, where: (span: CollectedSpan) => boolean = () => true) {
      return new Promise<CollectedSpan[]>((resolve) => {
        const check = () => {
          const found = spans.filter(where);
          if (found.length < count) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
