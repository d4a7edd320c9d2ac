import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { ServerContext } from '../../server-context.js';
import { serveWidgetBundle } from './widget-bundle.js';
import { widgetPreflight } from './widget-cors.js';
import { widgetGovernance } from './widget-governance.js';
import { WidgetKeys } from './widget-keys.js';
import { WidgetLimits } from './widget-limits.js';

/** The built widget: beside the editor's files (TAILOR_EDITOR_DIR), else editor/dist of this repository. */
export function widgetFile(editorDir: string | undefined): string {
  const dir = editorDir ?? fileURLToPath(new URL('../../../../editor/dist', import.meta.url));
  return resolve(dir, 'widget.js');
}

/**
 * The widget's part of the server, mounted before the published API: `GET /widget.js`, the strict
 * CORS preflight of `/v1/*`, and the governance of browser calls that run a flow. The config
 * endpoint is in the API table (`addWidgetConfigRoutes`), behind the key guard like every
 * published route.
 */
export function createWidgetRouter(ctx: ServerContext): Router {
  const keys = new WidgetKeys(ctx.storage.keys);
  const governance = widgetGovernance({
    keys,
    published: async (flowId) => (await ctx.resolver.resolve(flowId, 'published')).document,
    credential: (id) => ctx.vault.get(id),
    limits: new WidgetLimits(),
    log: (message) => ctx.log(message),
  });
  const router = express.Router();
  router.use(widgetPreflight(keys));
  router.get('/widget.js', serveWidgetBundle(widgetFile(ctx.config.TAILOR_EDITOR_DIR)));
  router.post('/v1/flows/:flowId/run', governance);
  // The OpenAI-compatible endpoint names the flow in its body (`model`): parse it here (the
  // server's parser then sees it parsed) so that the same checks apply to it.
  router.post('/v1/chat/completions', express.json({ limit: ctx.config.TAILOR_MAX_BODY, strict: false }), governance);
  return router;
}
