import type { RequestHandler, Response } from 'express';
import { USER_TOKEN_HEADER } from './end-user-identity.js';
import type { WidgetKeys } from './widget-keys.js';

/** Header names are case-insensitive here; the identity header is the only one of our own. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', USER_TOKEN_HEADER];

/** CORS headers for an origin that passed the checks; never sent for any other. */
export function allowOrigin(res: Response, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  res.append('Vary', 'Origin');
}

/** The flow a published path names: `/v1/flows/:flowId/…` or `/v1/widget/:flowId/…`. */
export function flowOfPath(path: string): string | undefined {
  const match = /^\/v1\/(?:flows|widget)\/([^/]+)\//.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * Answers the browser's preflight of a published call. A preflight carries no key, so it is
 * answered for an origin that some key of the named flow allows (any key for paths that name no
 * flow, such as /v1/chat/completions); every other origin gets a 403 without CORS headers, so its
 * page cannot call at all. The call itself is checked again against its own key.
 */
export function widgetPreflight(keys: WidgetKeys): RequestHandler {
  return async (req, res, next) => {
    const origin = req.headers.origin;
    if (req.method !== 'OPTIONS' || origin === undefined || !req.path.startsWith('/v1/')) return next();
    try {
      if (!(await keys.originAllowedFor(origin, flowOfPath(req.path)))) {
        res.status(403).json({
          error: {
            code: 'FORBIDDEN',
            message: `No API key of this flow may be used from ${origin}; add the origin to the key.`,
          },
        });
        return;
      }
      allowOrigin(res, origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  };
}
