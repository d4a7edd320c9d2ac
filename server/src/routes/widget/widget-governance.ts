import type { FlowDocument } from '@tailor/runtime';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../http/http-error.js';
import { type EndUser, USER_TOKEN_HEADER, verifyEndUser } from './end-user-identity.js';
import { allowOrigin } from './widget-cors.js';
import { keyMayRun, originAllowed, presentedKey, type WidgetKeys } from './widget-keys.js';
import { rateLimited, type WidgetLimits } from './widget-limits.js';
import { readWidgetSettings, type WidgetSettings } from './widget-settings.js';

/** Published documents whose unusable widget settings were logged already (once is enough). */
const reported = new WeakSet<FlowDocument>();

export interface GovernanceDeps {
  keys: WidgetKeys;
  /** The published document of a flow (throws when absent or unpublished). */
  published(flowId: string): Promise<FlowDocument>;
  /** Stored credentials; the identity secret is the `apiKey` of one. */
  credential(id: string): Promise<{ apiKey?: string | undefined } | undefined>;
  limits: WidgetLimits;
  log(message: string): void;
}

/** The visitor the host page vouched for on this request, when the flow verifies identities. */
export function widgetEndUserOf(res: Response): EndUser | undefined {
  return res.locals.widgetEndUser as EndUser | undefined;
}

async function identify(req: Request, settings: WidgetSettings, deps: GovernanceDeps): Promise<EndUser | undefined> {
  const identity = settings.identity;
  if (!identity) return undefined;
  const token = req.headers[USER_TOKEN_HEADER];
  if (typeof token !== 'string' || token === '') {
    if (!identity.required) return undefined;
    throw new HttpError(
      401,
      'AUTH_REQUIRED',
      'This assistant is for signed-in visitors: the page must pass a signed user token.',
    );
  }
  const secret = (await deps.credential(identity.credential))?.apiKey;
  if (!secret) {
    deps.log(`widget identity: credential "${identity.credential}" is missing or has no apiKey`);
    throw new HttpError(
      500,
      'SERVER_ERROR',
      'The widget identity is not set up on the server (its credential is missing).',
    );
  }
  return verifyEndUser(token, secret);
}

function enforceLimits(
  req: Request,
  res: Response,
  flowId: string,
  keyId: string,
  settings: WidgetSettings,
  deps: GovernanceDeps,
) {
  const { perKeyPerMinute, perUserPerMinute } = settings.rateLimit;
  const byKey = perKeyPerMinute ? deps.limits.take(`${flowId}|${keyId}`, perKeyPerMinute) : undefined;
  const user = widgetEndUserOf(res);
  const visitor = user ? `user:${user.id}` : `ip:${req.ip ?? 'unknown'}`;
  const byUser = byKey ? undefined : deps.limits.take(`${flowId}|${keyId}|${visitor}`, perUserPerMinute);
  const verdict = byKey ?? byUser;
  if (!verdict) return;
  res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
  throw rateLimited(verdict.retryAfterSeconds, byKey ? 'widget key' : 'visitor');
}

/**
 * Governs a browser's call of a published flow before the key guard runs it: for a key that may
 * run the flow from this origin it answers CORS (so that refusals below are readable by the
 * widget), verifies the signed end-user identity and applies the flow's widget rate limits.
 * Everything else — no key, wrong flow, an origin not allowed, calls from servers — goes on
 * unchanged to the key guard, which refuses it without CORS headers.
 */
export function widgetGovernance(deps: GovernanceDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const origin = req.headers.origin;
      const flowId = req.params.flowId ?? (req.body as { model?: unknown } | undefined)?.model;
      const token = presentedKey(req.headers.authorization);
      if (origin === undefined || typeof flowId !== 'string' || !token) return next();
      const key = await deps.keys.find(token);
      if (!key || !keyMayRun(key, flowId) || !originAllowed(key.origins, origin)) return next();
      allowOrigin(res, origin);
      const document = await deps.published(flowId).catch(() => undefined);
      // An unknown or unpublished flow: the route itself explains that.
      if (!document) return next();
      const { settings, problems } = readWidgetSettings(document);
      if (problems.length > 0 && !reported.has(document)) {
        reported.add(document);
        for (const problem of problems) deps.log(`widget settings ignored: ${problem}`);
      }
      res.locals.widgetEndUser = await identify(req, settings, deps);
      enforceLimits(req, res, flowId, key.id, settings, deps);
      next();
    } catch (error) {
      next(error);
    }
  };
}
