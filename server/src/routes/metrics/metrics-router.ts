import { Router } from 'express';
import { requireAdmin } from '../../auth/guards.js';
import type { ServerContext } from '../../server-context.js';
import { createRunMetrics } from './run-metrics.js';

/**
 * `GET /metrics` in the Prometheus text format, for the signed-in admin or an admin token
 * (Prometheus: `authorization: { credentials: <token> }`): run metrics carry flow ids.
 */
export function createMetricsRouter(ctx: Pick<ServerContext, 'bus' | 'adminAuth'>): Router {
  const metrics = createRunMetrics(ctx.bus);
  const router = Router();
  router.get('/metrics', requireAdmin(ctx.adminAuth), async (_req, res, next) => {
    try {
      const text = await metrics.registry.metrics();
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
