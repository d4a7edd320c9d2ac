import { Router } from 'express';
import { Gauge } from 'prom-client';
import { requireAdmin } from '../../auth/guards.js';
import type { ServerContext } from '../../server-context.js';
import { createRunMetrics } from './run-metrics.js';

/**
 * `GET /metrics` in the Prometheus text format, for the signed-in admin or an admin token
 * (Prometheus: `authorization: { credentials: <token> }`): run metrics carry flow ids.
 */
export function createMetricsRouter(ctx: Pick<ServerContext, 'bus' | 'adminAuth' | 'telemetry'>): Router {
  const metrics = createRunMetrics(ctx.bus);
  const exporter = ctx.telemetry;
  if (exporter) {
    // Read at scrape time: a collector that is down shows as dropped runs and failed requests.
    new Gauge({
      name: 'tailor_otlp_runs',
      help: 'Finished runs of the OpenTelemetry export, by state: exported, dropped (since start) and queued (now).',
      labelNames: ['state'] as const,
      registers: [metrics.registry],
      collect() {
        const stats = exporter.stats();
        this.set({ state: 'exported' }, stats.exportedRuns);
        this.set({ state: 'dropped' }, stats.droppedRuns);
        this.set({ state: 'queued' }, stats.queuedRuns);
      },
    });
    new Gauge({
      name: 'tailor_otlp_failed_requests',
      help: 'OTLP export requests that failed (network error or error status) since start.',
      registers: [metrics.registry],
      collect() {
        this.set(exporter.stats().failedRequests);
      },
    });
  }
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
