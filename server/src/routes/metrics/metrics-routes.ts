import type { ApiTable } from '../../http/api-table.js';
import type { ServerContext } from '../../server-context.js';
import { RunMetricsQuerySchema, RunMetricsSchema, resolveMetricsRange } from '../../storage/run-metrics.js';

/**
 * The dashboard's figures computed in the store: per time bucket (runs, errors, error rate, p50/p95/p99
 * latency, tokens, cost), the slowest nodes and the most frequent errors of the range.
 */
export function addMetricsRoutes(api: ApiTable, ctx: Pick<ServerContext, 'storage'>): void {
  api.add({
    method: 'get',
    path: '/api/metrics/flows',
    tag: 'metrics',
    access: 'admin',
    summary: 'Run metrics of every flow over a time range, per bucket, with slowest nodes and frequent errors',
    query: RunMetricsQuerySchema,
    response: RunMetricsSchema,
    handler: ({ query }) => ctx.storage.runs.metrics(resolveMetricsRange(query, undefined, Date.now())),
  });
  api.add({
    method: 'get',
    path: '/api/metrics/flows/:flowId',
    tag: 'metrics',
    access: 'admin',
    summary: "One flow's run metrics over a time range, per bucket, with slowest nodes and frequent errors",
    query: RunMetricsQuerySchema,
    response: RunMetricsSchema,
    handler: ({ query, params }) =>
      ctx.storage.runs.metrics(resolveMetricsRange(query, params.flowId ?? '', Date.now())),
  });
}
