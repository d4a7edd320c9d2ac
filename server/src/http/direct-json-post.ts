import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from './http-error.js';

/** The largest body taken the direct way; bigger ones go through express's parser (and its 413). */
const DIRECT_BODY_MAX = 64 * 1024;

export interface DirectJsonPost {
  /** The route's params when `url` (path and query) is this route's, else undefined. */
  match(url: string): Record<string, string> | undefined;
  /** False sends the request through express as usual (e.g. browser calls, event streams). */
  accepts(req: Request): boolean;
  /** Answers with the JSON body to send, or undefined when it wrote the response itself. */
  handle(input: { req: Request; res: Response; params: Record<string, string>; body: unknown }): Promise<unknown>;
}

/**
 * One JSON POST route answered without express's middleware chain (its routers, body parser and
 * response helpers cost more than a short flow run), for the plain requests that make up its
 * traffic: an exact path, a small identity-encoded UTF-8 JSON body with a Content-Length. Any other
 * request — and every request this route does not accept — goes on to express unchanged, so both
 * ways give the same answers; errors go to the app's error handler.
 */
export function directJsonPost(route: DirectJsonPost, maxBody: string): RequestHandler {
  const limit = Math.min(DIRECT_BODY_MAX, parseByteSize(maxBody) ?? 0);
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const params = route.match(req.url);
    if (!params) return next();
    const length = plainJsonLength(req);
    if (length === undefined || length > limit || !route.accepts(req)) return next();
    readBody(req, length)
      .then(async (text) => {
        const body = parseJson(text);
        const result = await route.handle({ req, res, params, body });
        if (res.headersSent || result === undefined) {
          if (!res.headersSent) res.status(res.statusCode === 200 ? 204 : res.statusCode).end();
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(result));
      })
      .catch(next);
  };
}

/** The body's length when the request is plain JSON as express would parse it, else undefined. */
function plainJsonLength(req: IncomingMessage): number | undefined {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = headers['content-type']?.toLowerCase();
  if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return undefined;
  const text = headers['content-length'];
  const length = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(length) && length > 0 ? length : undefined;
}

function readBody(req: IncomingMessage, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.once('end', () => {
      if (received !== length)
        reject(new HttpError(400, 'REQUEST_INVALID', 'The body is shorter than its Content-Length.'));
      else resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))?.toString('utf8') ?? '');
    });
    req.once('error', reject);
    // A client that goes away mid-body ends no stream: settle anyway (the error is only made then).
    req.once('close', () => {
      if (!req.complete) reject(new HttpError(400, 'REQUEST_INVALID', 'The body did not arrive.'));
    });
  });
}

/** As express's JSON parser (strict: false): a leading byte order mark is dropped. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new HttpError(400, 'REQUEST_INVALID', 'The body is not valid JSON.', [
      { path: [], message: 'body: not valid JSON' },
    ]);
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `2mb`, `100kb`, `512` (bytes) as express's `limit` reads them; undefined when unreadable. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match?.[1]) return undefined;
  return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
}
