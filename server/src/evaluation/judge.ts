import { z } from 'zod';
import type { DatasetItem } from './dataset.js';
import type { Score, Scorer } from './scorers.js';
import { textOf } from './values.js';

/** Asks the judge model: a system and a user message in, its answer text out. */
export type AskJudge = (system: string, user: string) => Promise<string>;

export const DEFAULT_RUBRIC =
  'The answer is correct, complete and consistent with the expected answer and facts (when given), and does not invent anything.';

const VerdictSchema = z.object({
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  reason: z.string().optional(),
});
export type Verdict = z.output<typeof VerdictSchema>;

const SYSTEM = `You are a strict evaluator of answers produced by an AI workflow.
Judge the ANSWER against the RUBRIC, using the EXPECTED answer and FACTS when they are given.
Reply with one JSON object only, no other text: {"score": <number from 0 to 1>, "pass": <true|false>, "reason": "<one sentence>"}.`;

function userMessage(rubric: string, output: unknown, item: DatasetItem): string {
  const parts = [`RUBRIC:\n${rubric}`, `INPUTS:\n${JSON.stringify(item.inputs)}`];
  if (item.expected !== undefined) parts.push(`EXPECTED:\n${textOf(item.expected)}`);
  if (item.facts?.length) parts.push(`FACTS:\n${item.facts.map((fact) => `- ${fact}`).join('\n')}`);
  parts.push(`ANSWER:\n${textOf(output)}`);
  return parts.join('\n\n');
}

/**
 * The judge's verdict, or why it cannot be read. Tolerates a Markdown code fence around the JSON;
 * anything else (prose, a score out of range, a missing `pass`) is unreadable.
 */
export function parseVerdict(text: string): Verdict | string {
  const fenced = text.trim().match(/^```(?:json)?\s*([\s\S]*?)\s*```$/);
  const body = fenced?.[1] ?? text.trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `not JSON: "${body.slice(0, 80)}"`;
  }
  const parsed = VerdictSchema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'verdict'}: ${issue.message}`).join('; ');
  }
  return parsed.data;
}

/** An LLM judge with a rubric. It fails closed: an unreadable verdict or a failed call is a fail with score 0. */
export function judgeScorer(ask: AskJudge, rubric: string = DEFAULT_RUBRIC): Scorer {
  return {
    name: 'judge',
    description: 'an LLM grades the output against a rubric (fails closed on an unreadable verdict)',
    applies: () => true,
    async score(output, item): Promise<Score> {
      let answer: string;
      try {
        answer = await ask(SYSTEM, userMessage(rubric, output, item));
      } catch (error) {
        return {
          scorer: 'judge',
          score: 0,
          pass: false,
          detail: `the judge could not be asked: ${(error as Error).message}`,
        };
      }
      const verdict = parseVerdict(answer);
      if (typeof verdict === 'string') {
        return { scorer: 'judge', score: 0, pass: false, detail: `unreadable verdict, counted as a fail (${verdict})` };
      }
      return {
        scorer: 'judge',
        score: verdict.score,
        pass: verdict.pass,
        detail: verdict.reason ?? `score ${verdict.score}`,
      };
    },
  };
}
