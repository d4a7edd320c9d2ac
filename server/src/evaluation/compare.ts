import { z } from 'zod';
import {
  EvaluationAggregateSchema,
  type EvaluationItem,
  EvaluationItemSchema,
  EvaluationSummarySchema,
  type StoredEvaluation,
} from '../storage/evaluation-store.js';

export const ChangeSchema = z.enum(['better', 'worse', 'same']);
export type Change = z.output<typeof ChangeSchema>;

const SideSchema = EvaluationItemSchema.pick({
  status: true,
  error: true,
  output: true,
  score: true,
  pass: true,
  scores: true,
  runId: true,
  durationMs: true,
  usage: true,
});
type Side = z.output<typeof SideSchema>;

export const ComparedItemSchema = z.object({
  index: z.number().int(),
  line: z.number().int(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
  expected: z.unknown().optional(),
  base: SideSchema,
  candidate: SideSchema,
  change: ChangeSchema,
});
export type ComparedItem = z.output<typeof ComparedItemSchema>;

const ComparedEvaluationSchema = EvaluationSummarySchema.extend({ summary: EvaluationAggregateSchema.optional() });

export const ComparisonSchema = z.object({
  base: ComparedEvaluationSchema,
  candidate: ComparedEvaluationSchema,
  /** How many items got better, worse, or stayed the same. */
  changes: z.object({ better: z.number(), worse: z.number(), same: z.number() }),
  /** Items of one evaluation with no item at the same index in the other (the dataset changed size). */
  unmatched: z.number(),
  items: z.array(ComparedItemSchema),
});
export type Comparison = z.output<typeof ComparisonSchema>;

const EPSILON = 1e-9;

/** Passing beats failing; with the same verdict, a higher score is better. */
export function changeOf(base: Pick<Side, 'pass' | 'score'>, candidate: Pick<Side, 'pass' | 'score'>): Change {
  if (base.pass !== candidate.pass) return candidate.pass ? 'better' : 'worse';
  if (candidate.score > base.score + EPSILON) return 'better';
  if (candidate.score < base.score - EPSILON) return 'worse';
  return 'same';
}

function side(item: EvaluationItem): Side {
  return {
    status: item.status,
    ...(item.error !== undefined ? { error: item.error } : {}),
    output: item.output,
    score: item.score,
    pass: item.pass,
    scores: item.scores,
    ...(item.runId ? { runId: item.runId } : {}),
    durationMs: item.durationMs,
    ...(item.usage ? { usage: item.usage } : {}),
  };
}

function withoutReport(evaluation: StoredEvaluation) {
  const { report, ...summary } = evaluation;
  return { ...summary, ...(report ? { summary: report.summary } : {}) };
}

/** Two evaluations side by side, their items joined by position in the dataset. */
export function compareEvaluations(base: StoredEvaluation, candidate: StoredEvaluation): Comparison {
  const candidateItems = new Map((candidate.report?.items ?? []).map((item) => [item.index, item]));
  const baseItems = base.report?.items ?? [];
  const items: ComparedItem[] = [];
  for (const before of baseItems) {
    const after = candidateItems.get(before.index);
    if (!after) continue;
    items.push({
      index: before.index,
      line: before.line,
      ...(before.id !== undefined ? { id: before.id } : {}),
      inputs: before.inputs,
      ...(before.expected !== undefined ? { expected: before.expected } : {}),
      base: side(before),
      candidate: side(after),
      change: changeOf(before, after),
    });
  }
  const count = (change: Change) => items.filter((item) => item.change === change).length;
  return {
    base: withoutReport(base),
    candidate: withoutReport(candidate),
    changes: { better: count('better'), worse: count('worse'), same: count('same') },
    unmatched: baseItems.length + candidateItems.size - 2 * items.length,
    items,
  };
}
