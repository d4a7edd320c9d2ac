import { z } from 'zod';
import { ComparisonSchema, compareEvaluations } from '../evaluation/compare.js';
import { EvaluationService, StartEvaluationSchema } from '../evaluation/evaluation-service.js';
import { scorerNames } from '../evaluation/scorers.js';
import type { ApiTable } from '../http/api-table.js';
import { HttpError, notFoundError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';
import {
  EvaluationGateSchema,
  EvaluationStatusSchema,
  EvaluationSummarySchema,
  StoredEvaluationSchema,
} from '../storage/evaluation-store.js';

const services = new WeakMap<ServerContext, EvaluationService>();

/**
 * The evaluation service of this server (one per context). When runs execute in this process only,
 * evaluations still `running` in storage were cut short by the last stop: they are marked failed.
 */
export function evaluationServiceOf(ctx: ServerContext): EvaluationService {
  let service = services.get(ctx);
  if (!service) {
    service = new EvaluationService({
      storage: ctx.storage,
      runs: ctx.runs,
      resolver: ctx.resolver,
      providers: () => ctx.modelProviders,
      log: ctx.log,
      recoverInterrupted: ctx.config.executor === 'in-process',
    });
    services.set(ctx, service);
  }
  return service;
}

export function addEvaluationRoutes(api: ApiTable, ctx: ServerContext): void {
  const service = evaluationServiceOf(ctx);
  const { storage } = ctx;
  const stored = async (id: string) => {
    const evaluation = await storage.evaluations.get(id);
    if (!evaluation) throw notFoundError(`Evaluation "${id}"`);
    return evaluation;
  };
  api.add({
    method: 'get',
    path: '/api/evaluations/scorers',
    tag: 'evaluation',
    access: 'admin',
    summary: 'The scorer names an evaluation takes (judge and similarity need a model)',
    response: z.array(z.string()),
    handler: async () => scorerNames(),
  });
  api.add({
    method: 'post',
    path: '/api/evaluations',
    tag: 'evaluation',
    access: 'admin',
    status: 202,
    summary:
      'Evaluate a flow version over a dataset: each item runs as a recorded run (source "evaluation") in the background',
    body: StartEvaluationSchema,
    response: EvaluationSummarySchema,
    extraResponses: { '409': 'The flow has no published version (version "published")' },
    handler: ({ body }) => service.start(body),
  });
  api.add({
    method: 'get',
    path: '/api/evaluations',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Evaluations, newest first (without their reports)',
    query: z.object({
      flowId: z.string().min(1).optional(),
      datasetId: z.string().min(1).optional(),
      status: EvaluationStatusSchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.array(EvaluationSummarySchema),
    handler: ({ query }) =>
      storage.evaluations.list({
        limit: query.limit,
        ...(query.flowId ? { flowId: query.flowId } : {}),
        ...(query.datasetId ? { datasetId: query.datasetId } : {}),
        ...(query.status ? { status: query.status } : {}),
      }),
  });
  // Before /api/evaluations/:id, which would take "compare" for an id.
  api.add({
    method: 'get',
    path: '/api/evaluations/compare',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Two evaluations side by side: aggregates, and items joined by dataset position (better/worse/same)',
    query: z.object({ base: z.string().min(1), candidate: z.string().min(1) }),
    response: ComparisonSchema,
    handler: async ({ query }) => {
      const [base, candidate] = await Promise.all([stored(query.base), stored(query.candidate)]);
      if (base.datasetId !== candidate.datasetId) {
        throw new HttpError(
          400,
          'REQUEST_INVALID',
          'The two evaluations ran different datasets; compare runs of one.',
          [
            {
              path: ['candidate'],
              message: `query.candidate: dataset "${candidate.datasetName}", not "${base.datasetName}"`,
            },
          ],
        );
      }
      return compareEvaluations(base, candidate);
    },
  });
  api.add({
    method: 'get',
    path: '/api/evaluations/:id',
    tag: 'evaluation',
    access: 'admin',
    summary: 'An evaluation with its report (per item and aggregate; the items so far while it runs)',
    response: StoredEvaluationSchema,
    handler: ({ params }) => stored(params.id ?? ''),
  });
  api.add({
    method: 'post',
    path: '/api/evaluations/:id/cancel',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Cancel a running evaluation: its runs in flight are cancelled, the items that ended are kept',
    response: EvaluationSummarySchema,
    handler: ({ params }) => service.cancel(params.id ?? ''),
  });
  api.add({
    method: 'delete',
    path: '/api/evaluations/:id',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Delete an evaluation (cancelled first when it runs)',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      const evaluation = await stored(params.id ?? '');
      if (evaluation.status === 'running') await service.cancel(evaluation.id);
      await storage.evaluations.delete(evaluation.id);
      return { deleted: true };
    },
  });
  addGateRoutes(api, ctx);
}

function addGateRoutes(api: ApiTable, ctx: ServerContext): void {
  const { storage } = ctx;
  const flowOf = async (id: string) => {
    const flow = await storage.flows.get(id);
    if (!flow) throw notFoundError(`Flow "${id}"`);
    return flow;
  };
  api.add({
    method: 'get',
    path: '/api/flows/:id/evaluation-gate',
    tag: 'evaluation',
    access: 'admin',
    summary: "The flow's publish gate, or null when it has none",
    response: EvaluationGateSchema.nullable(),
    handler: async ({ params }) => (await storage.evaluations.gate((await flowOf(params.id ?? '')).id)) ?? null,
  });
  api.add({
    method: 'put',
    path: '/api/flows/:id/evaluation-gate',
    tag: 'evaluation',
    access: 'admin',
    summary:
      'Set the publish gate: publishing then needs a succeeded evaluation of the exact draft on this dataset with these scorers, at or above the threshold',
    body: EvaluationGateSchema,
    response: EvaluationGateSchema,
    handler: async ({ params, body }) => {
      const flow = await flowOf(params.id ?? '');
      if (!(await storage.datasets.get(body.datasetId))) throw notFoundError(`Dataset "${body.datasetId}"`);
      const unknown = body.scorers.filter((name) => !scorerNames().includes(name));
      if (unknown.length) {
        throw new HttpError(400, 'REQUEST_INVALID', `Unknown scorer ${unknown.map((n) => `"${n}"`).join(', ')}.`, [
          { path: ['scorers'], message: `body.scorers: choose from ${scorerNames().join(', ')}` },
        ]);
      }
      await storage.evaluations.setGate(flow.id, body);
      return body;
    },
  });
  api.add({
    method: 'delete',
    path: '/api/flows/:id/evaluation-gate',
    tag: 'evaluation',
    access: 'admin',
    summary: 'Remove the publish gate',
    response: z.object({ deleted: z.boolean() }),
    handler: async ({ params }) => {
      const flow = await flowOf(params.id ?? '');
      const had = (await storage.evaluations.gate(flow.id)) !== undefined;
      await storage.evaluations.setGate(flow.id, undefined);
      return { deleted: had };
    },
  });
}
