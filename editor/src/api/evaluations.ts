import { z } from 'zod';
import { request, requestVoid } from './client.js';

const enc = encodeURIComponent;

/** Which flow version an evaluation runs: a published number, the draft, or whatever is live. */
export const EvaluationVersionSchema = z.union([z.number(), z.literal('draft'), z.literal('published')]);
export type EvaluationVersion = z.output<typeof EvaluationVersionSchema>;

export const EvaluationSummarySchema = z
  .object({
    /** Scorer options it ran with (`field` …), as `tailor eval` takes them. */
    field: z.string().optional(),
    id: z.string(),
    flowId: z.string(),
    version: EvaluationVersionSchema,
    /** The version number that ran (absent for the draft). */
    flowVersion: z.number().optional(),
    draftChanged: z.boolean().optional(),
    datasetId: z.string(),
    datasetName: z.string().optional(),
    /** running, succeeded, failed or cancelled; kept open so a newer server's word still shows. */
    status: z.string(),
    progress: z.object({ done: z.number(), total: z.number() }),
    score: z.number().optional(),
    passed: z.boolean().optional(),
    threshold: z.number().optional(),
    scorers: z.array(z.string()).optional(),
    error: z.string().optional(),
    createdAt: z.union([z.number(), z.string()]),
    finishedAt: z.union([z.number(), z.string()]).optional(),
  })
  .loose();
export type EvaluationSummary = z.output<typeof EvaluationSummarySchema>;

/** One scorer's verdict on one item, and why. */
export const ScoreSchema = z
  .object({ scorer: z.string(), score: z.number(), pass: z.boolean(), detail: z.string().optional() })
  .loose();
export type Score = z.output<typeof ScoreSchema>;

const UsageSchema = z.object({ input: z.number(), output: z.number(), cost: z.number().optional() }).loose();

export const ReportItemSchema = z
  .object({
    index: z.number().optional(),
    line: z.number().optional(),
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
    expected: z.unknown().optional(),
    facts: z.array(z.string()).optional(),
    status: z.string(),
    error: z.string().optional(),
    output: z.unknown().optional(),
    scores: z.array(ScoreSchema),
    score: z.number(),
    pass: z.boolean(),
    durationMs: z.number().optional(),
    usage: UsageSchema.optional(),
    runId: z.string().optional(),
  })
  .loose();
export type ReportItem = z.output<typeof ReportItemSchema>;

export const AggregateSchema = z
  .object({
    items: z.number(),
    passed: z.number(),
    passRate: z.number(),
    meanScore: z.number(),
    failedRuns: z.number().optional(),
    scorers: z.record(z.string(), z.object({ items: z.number(), passed: z.number(), meanScore: z.number() })),
    latencyMs: z.object({ mean: z.number(), p50: z.number(), p95: z.number(), max: z.number() }).partial().optional(),
    tokens: UsageSchema.optional(),
    threshold: z.number().optional(),
    passedThreshold: z.boolean().optional(),
  })
  .loose();
export type Aggregate = z.output<typeof AggregateSchema>;

export const ReportSchema = z.object({ items: z.array(ReportItemSchema), summary: AggregateSchema }).loose();
export type Report = z.output<typeof ReportSchema>;

export const EvaluationDetailSchema = EvaluationSummarySchema.extend({ report: ReportSchema.optional() });
export type EvaluationDetail = z.output<typeof EvaluationDetailSchema>;

export const ChangeSchema = z.enum(['better', 'worse', 'same']);
export type Change = z.output<typeof ChangeSchema>;

const ComparedSideSchema = z
  .object({
    status: z.string().optional(),
    output: z.unknown().optional(),
    score: z.number(),
    pass: z.boolean(),
    scores: z.array(ScoreSchema).optional(),
    runId: z.string().optional(),
    error: z.string().optional(),
  })
  .loose();
export type ComparedSide = z.output<typeof ComparedSideSchema>;

export const ComparedItemSchema = z
  .object({
    index: z.number().optional(),
    line: z.number().optional(),
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
    expected: z.unknown().optional(),
    base: ComparedSideSchema.optional(),
    candidate: ComparedSideSchema.optional(),
    change: ChangeSchema,
  })
  .loose();
export type ComparedItem = z.output<typeof ComparedItemSchema>;

const ComparedEvaluationSchema = EvaluationSummarySchema.extend({ summary: AggregateSchema.optional() });

export const ComparisonSchema = z
  .object({
    base: ComparedEvaluationSchema,
    candidate: ComparedEvaluationSchema,
    items: z.array(ComparedItemSchema),
  })
  .loose();
export type Comparison = z.output<typeof ComparisonSchema>;

/** The publish gate of a flow: a version may only go live when it passes this evaluation. */
export const EvaluationGateSchema = z
  .object({ datasetId: z.string(), threshold: z.number(), scorers: z.array(z.string()) })
  .loose();
export type EvaluationGate = z.output<typeof EvaluationGateSchema>;

export interface StartEvaluationBody {
  flowId: string;
  version: EvaluationVersion;
  datasetId: string;
  scorers: string[];
  threshold?: number;
  concurrency?: number;
  /** Score this field of the output (dotted path) instead of all of it, as `tailor eval --field`. */
  field?: string;
}

/** The scorers the server knows (server/src/evaluation/scorers.ts); judge and similarity need a model. */
export const SCORER_NAMES = [
  'exact',
  'contains',
  'regex',
  'json',
  'facts',
  'retrieval',
  'judge',
  'similarity',
] as const;

export const evaluationsApi = {
  start: (body: StartEvaluationBody) => request(EvaluationSummarySchema, '/api/evaluations', { method: 'POST', body }),
  list: (flowId?: string) =>
    request(z.array(EvaluationSummarySchema), `/api/evaluations${flowId ? `?flowId=${enc(flowId)}` : ''}`),
  get: (id: string) => request(EvaluationDetailSchema, `/api/evaluations/${enc(id)}`),
  cancel: (id: string) => request(z.unknown(), `/api/evaluations/${enc(id)}/cancel`, { method: 'POST' }),
  compare: (base: string, candidate: string) =>
    request(ComparisonSchema, `/api/evaluations/compare?base=${enc(base)}&candidate=${enc(candidate)}`),
  gate: (flowId: string) => request(EvaluationGateSchema.nullable(), `/api/flows/${enc(flowId)}/evaluation-gate`),
  setGate: (flowId: string, gate: EvaluationGate) =>
    request(z.unknown(), `/api/flows/${enc(flowId)}/evaluation-gate`, { method: 'PUT', body: gate }),
  removeGate: (flowId: string) => requestVoid(`/api/flows/${enc(flowId)}/evaluation-gate`, { method: 'DELETE' }),
};
