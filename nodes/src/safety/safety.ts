import { defineNode, type NodeContext } from '@tailor/runtime';
import { z } from 'zod';
import { ModelProvidersService } from '../providers/interfaces.js';
import { checkInjection } from './checks/injection.js';
import { checkKeywords } from './checks/keywords.js';
import { JudgeConfigSchema, judgeInjection } from './checks/llm-judge.js';
import { checkPii, maskPii, type PiiOptions } from './checks/pii.js';
import { type CheckName, CheckNameSchema, type Finding, FindingSchema } from './finding.js';
import { PII_TYPES } from './pii/pii-patterns.js';
import { redact, restorePlaceholders } from './redaction.js';

function asCheckedText(value: unknown): unknown {
  if (typeof value === 'string' || value === undefined) return value;
  if (value === null) return '';
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n\n');
  return JSON.stringify(value);
}

const ActionSchema = z.enum(['block', 'redact', 'flag']);

const CustomPatternSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a name like order_no'),
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/)
      .optional(),
  })
  .refine(
    ({ pattern, flags }) => {
      try {
        new RegExp(pattern, flags);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'the pattern is not a valid regular expression' },
  );

export const DEFAULT_REPLY = '抱歉，这个问题我无法回答。Sorry, I can’t help with that request.';

export const SafetyConfigSchema = z.object({
  // A list of texts is joined; any other value (a JSON tool output) is checked as its JSON text.
  text: z
    .preprocess(asCheckedText, z.string())
    .describe('The text to check: the question, the answer, retrieved chunks ({{ kb.text }}) or a tool output.'),
  checks: z
    .array(CheckNameSchema)
    .min(1)
    .default(['keywords', 'pii', 'injection'])
    .describe('Sensitive words, personal data, prompt injection.'),
  actions: z
    .object({
      keywords: ActionSchema.default('block'),
      pii: ActionSchema.default('redact'),
      injection: ActionSchema.default('block'),
    })
    .prefault({})
    .describe('Per check: block (take the block port), redact (mask, then pass) or flag (record and pass).'),
  words: z.array(z.string()).default([]).describe('Extra sensitive words, "word" or "category: word".'),
  allowWords: z.array(z.string()).default([]).describe('Words that are fine although a listed word is inside them.'),
  useDefaultWords: z.boolean().default(true).describe('Use the shipped word list as well as your own words.'),
  piiTypes: z
    .array(z.enum(PII_TYPES as [string, ...string[]]))
    .default([])
    .describe('Which kinds of personal data to look for; all when empty.'),
  customPatterns: z
    .array(CustomPatternSchema)
    .default([])
    .describe('Your own patterns, e.g. { "name": "order_no", "pattern": "SO\\d{10}" }.'),
  redaction: z
    .enum(['mask', 'placeholder'])
    .default('mask')
    .describe('`mask` shows 138****5678; `placeholder` sends [CN_MOBILE_1] on and can restore it later.'),
  restore: z
    .record(z.string(), z.string())
    .optional()
    .describe('Placeholders from a question-side safety node, to put back into this (answer) text.'),
  judge: JudgeConfigSchema.optional().describe(
    'Also ask a model whether the text is an injection; an unreadable verdict blocks (fails closed).',
  ),
  reply: z.string().default(DEFAULT_REPLY).describe('The canned answer when the text is blocked.'),
});
export type SafetyConfig = z.output<typeof SafetyConfigSchema>;

export const SafetyOutputSchema = z.object({
  verdict: z.enum(['pass', 'block']),
  text: z.string(),
  findings: z.array(FindingSchema),
  reply: z.string(),
  placeholders: z.record(z.string(), z.string()),
});

async function findAll(ctx: NodeContext<SafetyConfig>, text: string, pii: PiiOptions): Promise<Finding[]> {
  const { config } = ctx;
  const findings: Finding[] = [];
  if (config.checks.includes('keywords')) {
    findings.push(
      ...checkKeywords(text, {
        useDefaultWords: config.useDefaultWords,
        words: config.words,
        allowWords: config.allowWords,
      }),
    );
  }
  if (config.checks.includes('pii')) findings.push(...checkPii(text, pii));
  if (config.checks.includes('injection')) {
    findings.push(...checkInjection(text));
    if (config.judge)
      findings.push(...(await judgeInjection(text, config.judge, ctx.services.get(ModelProvidersService), ctx.signal)));
  }
  return findings;
}

function mask(finding: Finding, pii: PiiOptions): string {
  if (finding.check === 'pii') return maskPii(finding, pii);
  if (finding.check === 'injection') return '[removed]';
  return '*'.repeat(finding.match.length);
}

async function runSafety(ctx: NodeContext<SafetyConfig>) {
  const { config } = ctx;
  const text = config.restore ? restorePlaceholders(config.text, config.restore) : config.text;
  const pii: PiiOptions = { types: config.piiTypes, custom: config.customPatterns };
  const findings = await findAll(ctx, text, pii);
  const actionOf = (check: CheckName) => config.actions[check];
  // A judge that could not be understood blocks whatever the injection action says: fail closed.
  const blocked = findings.some((f) => actionOf(f.check) === 'block' || f.type === 'llm_judge_unparseable');
  const toRedact = findings.filter((f) => actionOf(f.check) === 'redact');
  const redacted = redact(text, toRedact, config.redaction, (finding) => mask(finding, pii));
  for (const finding of findings) {
    ctx.log(
      actionOf(finding.check) === 'flag' ? 'info' : 'warn',
      `${finding.check}/${finding.type} at ${finding.start}–${finding.end}: ${actionOf(finding.check)}`,
    );
  }
  const verdict = blocked ? ('block' as const) : ('pass' as const);
  const output = { verdict, text: redacted.text, findings, reply: config.reply, placeholders: redacted.placeholders };
  return { output, ports: [verdict] };
}

export const safetyNode = defineNode({
  type: 'safety',
  version: 1,
  title: { en: 'Safety filter', zh: '安全过滤' },
  description: {
    en: 'Checks text for sensitive words, personal data and prompt injection; blocks, redacts or flags what it finds.',
    zh: '检查文本中的敏感词、个人信息和提示词注入；按设置拦截、脱敏或仅标记。',
  },
  category: 'safety',
  config: SafetyConfigSchema,
  output: SafetyOutputSchema,
  ports: ['pass', 'block'],
  defaultTimeoutMs: 30_000,
  run: runSafety,
});
