import { TokenUsageSchema } from '@tailor/runtime';
import { z } from 'zod';

/** Which flow version an evaluation runs: a version number, the draft, or the published one. */
export const EvaluationVersionSchema = z.union([z.number().int().min(1), z.literal('draft'), z.literal('published')]);
export type EvaluationVersion = z.output<typeof EvaluationVersionSchema>;

export const EvaluationStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type EvaluationStatus = z.output<typeof EvaluationStatusSchema>;

/** How the scorers were set up, beyond their names (the options of `tailor eval`). */
export const ScorerSettingsSchema = z.object({
  /** Score this field of the output (dotted path) instead of all of it. */
  field: z.string().min(1).max(200).optional(),
  /** For `json`: the fields that must equal the expected ones. */
  jsonFields: z.array(z.string().min(1).max(200)).max(50).optional(),
  /** For `judge`: `provider/model`. */
  judge: z.string().min(3).max(200).optional(),
  rubric: z.string().max(4_000).optional(),
  /** For `similarity`: `provider/model` of the embedding. */
  embed: z.string().min(3).max(200).optional(),
  similarity: z.number().min(0).max(1).optional(),
});
export type ScorerSettings = z.output<typeof ScorerSettingsSchema>;

export const StoredScoreSchema = z.object({
  scorer: z.string(),
  score: z.number(),
  pass: z.boolean(),
  /** Why the scorer decided (the reason shown in reports). */
  detail: z.string(),
});

/** One dataset item's result: what went in, what came out, and each scorer's verdict. */
export const EvaluationItemSchema = z.object({
  /** Position in the dataset, from 0; compare joins two evaluations on it. */
  index: z.number().int().min(0),
  /** index + 1, as `tailor eval` numbers lines. */
  line: z.number().int().min(1),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
  expected: z.unknown().optional(),
  facts: z.array(z.string()).optional(),
  sources: z.array(z.string()).optional(),
  runId: z.string().optional(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  error: z.string().optional(),
  output: z.unknown().optional(),
  scores: z.array(StoredScoreSchema),
  score: z.number(),
  pass: z.boolean(),
  durationMs: z.number(),
  usage: TokenUsageSchema.optional(),
});
export type EvaluationItem = z.output<typeof EvaluationItemSchema>;

export const EvaluationAggregateSchema = z.object({
  items: z.number().int(),
  passed: z.number().int(),
  passRate: z.number(),
  meanScore: z.number(),
  failedRuns: z.number().int(),
  scorers: z.record(z.string(), z.object({ items: z.number(), passed: z.number(), meanScore: z.number() })),
  latencyMs: z.object({ mean: z.number(), p50: z.number(), p95: z.number(), max: z.number() }),
  tokens: TokenUsageSchema,
  threshold: z.number(),
  passedThreshold: z.boolean(),
});
export type EvaluationAggregate = z.output<typeof EvaluationAggregateSchema>;

export const EvaluationReportSchema = z.object({
  items: z.array(EvaluationItemSchema),
  summary: EvaluationAggregateSchema,
});
export type StoredEvaluationReport = z.output<typeof EvaluationReportSchema>;

export const EvaluationSummarySchema = z.object({
  id: z.string(),
  flowId: z.string(),
  /** As asked: a number, `draft` or `published`. */
  version: EvaluationVersionSchema,
  /** The version number that ran (absent for the draft). */
  flowVersion: z.number().int().optional(),
  /** The draft's revision when the draft ran. */
  revision: z.number().int().optional(),
  /** SHA-256 of the flow document that ran: the publish gate matches the draft by it. */
  documentHash: z.string(),
  /** True when the draft was saved while the evaluation ran (its items may have run different drafts). */
  draftChanged: z.boolean().optional(),
  datasetId: z.string(),
  datasetName: z.string(),
  scorers: z.array(z.string()),
  settings: ScorerSettingsSchema,
  threshold: z.number().min(0).max(1),
  concurrency: z.number().int().min(1),
  status: EvaluationStatusSchema,
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** The pass rate (share of items that passed), once finished. */
  score: z.number().optional(),
  /** Whether the score reached the threshold, once finished. */
  passed: z.boolean().optional(),
  error: z.string().optional(),
  createdAt: z.number(),
  finishedAt: z.number().optional(),
});
export type EvaluationSummary = z.output<typeof EvaluationSummarySchema>;

export const StoredEvaluationSchema = EvaluationSummarySchema.extend({ report: EvaluationReportSchema.optional() });
export type StoredEvaluation = z.output<typeof StoredEvaluationSchema>;

/** What a flow must pass before a version is published: a dataset, scorers and a pass rate. */
export const EvaluationGateSchema = z.object({
  datasetId: z.string().min(1),
  threshold: z.number().min(0).max(1),
  scorers: z.array(z.string().min(1)).min(1).max(20),
});
export type EvaluationGate = z.output<typeof EvaluationGateSchema>;

export interface EvaluationFilter {
  flowId?: string;
  status?: EvaluationStatus;
  documentHash?: string;
  datasetId?: string;
  limit?: number;
}

/** Evaluations of flows over datasets, with their reports, and each flow's publish gate. */
export interface EvaluationStore {
  /** Inserts or replaces the whole evaluation. */
  put(evaluation: StoredEvaluation): Promise<void>;
  /** Progress (and the report of the items so far) while running; does nothing once it has ended. */
  progress(id: string, done: number, report?: StoredEvaluationReport): Promise<void>;
  get(id: string): Promise<StoredEvaluation | undefined>;
  /** Newest first, without reports. */
  list(filter: EvaluationFilter): Promise<EvaluationSummary[]>;
  delete(id: string): Promise<boolean>;
  /** Marks every evaluation still `running` as failed (its process stopped); returns their ids. */
  markInterrupted(now: number): Promise<string[]>;
  gate(flowId: string): Promise<EvaluationGate | undefined>;
  setGate(flowId: string, gate: EvaluationGate | undefined): Promise<void>;
}
