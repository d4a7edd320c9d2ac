import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import { requireAdmin, requireJsonBody } from './auth/guards.js';
import { ApiTable } from './http/api-table.js';
import { errorHandler } from './http/error-handler.js';
import { HttpError } from './http/http-error.js';
import { buildOpenApi } from './http/openapi.js';
import { addRetentionRoutes } from './retention/retention-routes.js';
import { addAuthRoutes } from './routes/auth-routes.js';
import { addCatalogueRoutes } from './routes/catalogue-routes.js';
import { addChatCompletionRoutes } from './routes/chat-completions.js';
import { addCredentialRoutes } from './routes/credential-routes.js';
import { addDatasetRoutes } from './routes/dataset-routes.js';
import { addEvaluationRoutes } from './routes/evaluation-routes.js';
import { addFlowRoutes } from './routes/flow-routes.js';
import { addKeyRoutes } from './routes/key-routes.js';
import { addKnowledgeRoutes } from './routes/knowledge-routes.js';
import { createMetricsRouter } from './routes/metrics/metrics-router.js';
import { addMetricsRoutes } from './routes/metrics/metrics-routes.js';
import { addNodeRunRoutes } from './routes/node-run-routes.js';
import { addProviderRoutes } from './routes/provider-routes.js';
import { addPublishedRoutes, publishedRunShortcut } from './routes/published-routes.js';
import { addRunRoutes } from './routes/run-routes.js';
import { addSessionRoutes } from './routes/session-routes.js';
import { addSettingsRoutes } from './routes/settings-routes.js';
import { addTemplateRoutes } from './routes/template-routes.js';
import { addVersionRoutes } from './routes/version-routes.js';
import { addWidgetConfigRoutes } from './routes/widget/widget-config-route.js';
import { createWidgetRouter } from './routes/widget/widget-router.js';
import type { ServerContext } from './server-context.js';

const API_VERSION = '1.0.0';

/** Every route of the HTTP API, in one table (the OpenAPI document is built from it). */
export function buildApiTable(ctx: ServerContext): ApiTable {
  const api = new ApiTable({ admin: [requireAdmin(ctx.adminAuth)], 'api-key': [ctx.apiKeys.guard()], public: [] });
  // The published endpoints come first: they carry the traffic, and express tries routes in order.
  for (const add of [
    addPublishedRoutes,
    addChatCompletionRoutes,
    addWidgetConfigRoutes,
    addAuthRoutes,
    addCatalogueRoutes,
    addFlowRoutes,
    addVersionRoutes,
    addRunRoutes,
    addNodeRunRoutes,
    addRetentionRoutes,
    addMetricsRoutes,
    addCredentialRoutes,
    addKeyRoutes,
    addKnowledgeRoutes,
    addSessionRoutes,
    addDatasetRoutes,
    addProviderRoutes,
    addSettingsRoutes,
    addEvaluationRoutes,
    addTemplateRoutes,
  ]) {
    add(api, ctx);
  }
  return api;
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  next();
};

/** Browsers ask before a cross-origin call with a key; the key's origins are checked on the call itself. */
const publishedPreflight: RequestHandler = (req, res, next) => {
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Vary', 'Origin');
  res.status(204).end();
};

/** The editor's built files: TAILOR_EDITOR_DIR, else editor/dist of this repository. */
export function editorDirectory(configured: string | undefined): string | undefined {
  const dir = configured ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../editor/dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

export function createApp(ctx: ServerContext): { app: Express; api: ApiTable } {
  const app = express();
  app.disable('x-powered-by');
  // API answers are not cached by content hash (hashing every body costs each request); flows send
  // their revision as ETag themselves, and static files keep their own validators.
  app.set('etag', false);
  if (ctx.config.TAILOR_TRUST_PROXY) app.set('trust proxy', ctx.config.TAILOR_TRUST_PROXY);
  app.use(securityHeaders);
  // Servers calling a published flow with their key skip the chain below (same checks, same answers).
  app.use(publishedRunShortcut(ctx));
  app.use(createWidgetRouter(ctx));
  app.use('/v1', publishedPreflight);
  app.use(['/api', '/v1'], requireJsonBody, express.json({ limit: ctx.config.TAILOR_MAX_BODY, strict: false }));
  const api = buildApiTable(ctx);
  const openapi = buildOpenApi(api.routes, API_VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, storage: ctx.storage.kind, executor: ctx.config.executor });
  });
  const router = express.Router();
  api.mount(router);
  app.use(router);
  app.use(createMetricsRouter(ctx));
  app.use(['/api', '/v1'], (req, _res, next) =>
    next(new HttpError(404, 'NOT_FOUND', `No API route ${req.method} ${req.originalUrl}.`)),
  );
  serveEditor(app, editorDirectory(ctx.config.TAILOR_EDITOR_DIR));
  app.use(errorHandler(ctx.log));
  return { app, api };
}

function serveEditor(app: Express, dir: string | undefined): void {
  if (!dir) {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('Tailor server is running. The editor is not built yet: run `npm run build -w editor`.');
    });
    return;
  }
  app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
  // Client-side routes of the editor fall back to its page.
  app.get(/^(?!\/(api|v1|socket\.io)\/).*/, (_req, res) => {
    res.sendFile(join(dir, 'index.html'));
  });
}
