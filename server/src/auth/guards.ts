import type { RequestHandler } from 'express';
import { HttpError } from '../http/http-error.js';
import type { AdminAuth } from './admin-auth.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-tailor-csrf';

/**
 * The editor API needs the admin. A cookie session must also send `X-Tailor-Csrf` on writes:
 * a cross-site form cannot set a custom header, and SameSite=Strict already keeps the cookie
 * home. A bearer admin token is not sent by browsers on their own, so it needs no such header.
 */
export function requireAdmin(auth: AdminAuth): RequestHandler {
  return async (req, _res, next) => {
    try {
      const via = await auth.identify(req);
      if (!via) throw new HttpError(401, 'AUTH_REQUIRED', 'Sign in to the editor first (or send an admin token).');
      if (via === 'cookie' && !SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] === undefined) {
        throw new HttpError(403, 'FORBIDDEN', 'Mutating requests must send the header X-Tailor-Csrf: 1.');
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Uploads carry a file's bytes; they are admin-only and still need the CSRF header. */
const UPLOAD_PATH = /^\/api\/(knowledge\/[^/]+\/documents|datasets\/import)(\?|$)/;

/** Writes must be JSON (415 otherwise), so that a form post cannot reach the API either. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const upload = req.method === 'POST' && UPLOAD_PATH.test(req.originalUrl);
  if (hasBody && !upload && !SAFE_METHODS.has(req.method) && !req.is('application/json')) {
    next(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE'));
    return;
  }
  next();
};
