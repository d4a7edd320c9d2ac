import { z } from 'zod';

export const CheckNameSchema = z.enum(['keywords', 'pii', 'injection']);
export type CheckName = z.output<typeof CheckNameSchema>;

/** One thing a check found: which check, what kind, the text as written and where it is. */
export const FindingSchema = z.object({
  check: CheckNameSchema,
  /** e.g. `profanity`, `cn_id`, `cn_mobile`, `bank_card`, `email`, `ignore_instructions`, `llm_judge`. */
  type: z.string(),
  match: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** Why it was reported, for the run record. */
  reason: z.string().optional(),
});
export type Finding = z.output<typeof FindingSchema>;
