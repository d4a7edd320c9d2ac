import { defineNode, type NodeContext, TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { classifierPrompt, matchKeywords, readModelChoice } from './classifier-rules.js';
import {
  chatProviderFor,
  composeSystemPrompt,
  describeCall,
  ModelChoiceFields,
  PromptTextSchema,
  usageWithCost,
} from './model-call.js';

const ClassSchema = z.object({
  name: z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/,
      'a class name is a port name: letters, digits, "_" and "-", starting with a letter',
    )
    .refine((name) => name !== 'error', 'the name "error" is kept for the error port'),
  description: z.string().optional(),
  /** Words or phrases that decide this class without asking the model. */
  keywords: z.array(z.string()).default([]),
  examples: z.array(z.string()).max(20).default([]),
});

const ClassifierConfigSchema = z
  .object({
    ...ModelChoiceFields,
    provider: ModelChoiceFields.provider.optional(),
    model: ModelChoiceFields.model.optional(),
    /** The text to classify, e.g. `{{ start.message }}`. */
    input: PromptTextSchema.describe('The text to sort, e.g. {{ start.message }}.'),
    classes: z
      .array(ClassSchema)
      .min(2, 'a classifier needs at least two classes')
      .describe('One output port per class; keywords decide without asking the model.'),
    /** The class taken when neither the keywords nor the model decide; absent means fail. */
    default: z.string().optional().describe('The class to take when nothing decides; empty means fail.'),
    instructions: z.string().optional().describe('Extra guidance for the model on how to choose.'),
  })
  .refine((c) => new Set(c.classes.map((k) => k.name)).size === c.classes.length, {
    message: 'two classes have the same name',
    path: ['classes'],
  })
  .refine((c) => c.default === undefined || c.classes.some((k) => k.name === c.default), {
    message: 'the default class must be one of the classes',
    path: ['default'],
  })
  .refine((c) => !c.provider === !c.model, {
    message: 'give both a provider and a model, or neither',
    path: ['model'],
  });
type ClassifierConfig = z.output<typeof ClassifierConfigSchema>;

/** Routes by intent: keyword rules first (free), then the model; fires the port of the class. */
export const classifierNode = defineNode({
  type: 'classifier',
  version: 1,
  title: { en: 'Classifier', zh: '问题分类' },
  description: {
    en: 'Sorts a question into one of your classes (by keywords, then by an LLM) and continues down that branch.',
    zh: '按关键词、再由大模型把问题归入某一类，并沿该类的分支继续。',
  },
  category: 'model',
  config: ClassifierConfigSchema,
  output: z.object({
    class: z.string(),
    confidence: z.number().min(0).max(1),
    method: z.enum(['keywords', 'model', 'default']),
  }),
  portsFor: (config) => config.classes.map((c) => c.name),
  defaultTimeoutMs: 60_000,
  run: classify,
});

async function classify(context: NodeContext<ClassifierConfig>) {
  const { config } = context;
  const byKeyword = matchKeywords(config.input, config.classes);
  if (byKeyword) return decided(byKeyword, 1, 'keywords');
  if (!config.provider || !config.model) return fallback(context, 'no keyword matched and no model is set');
  const chat = await chatProviderFor(context, { provider: config.provider, credential: config.credential });
  const system = composeSystemPrompt(context, {
    ...config,
    system: classifierPrompt(config.classes, config.instructions),
  });
  const reply = await chat.chat({
    model: config.model,
    messages: [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      { role: 'user', content: config.input },
    ],
    temperature: config.temperature ?? 0,
    ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
    responseFormat: { type: 'json' },
    signal: context.signal,
  });
  context.log('info', describeCall(config.provider, reply));
  const usage = usageWithCost(context, config.provider, config.model, reply.usage);
  const choice = readModelChoice(reply.text, config.classes);
  const result = choice
    ? decided(choice.name, choice.confidence, 'model')
    : fallback(context, `the model answered "${reply.text.slice(0, 200)}"`);
  return { ...result, usage };
}

function decided(name: string, confidence: number, method: 'keywords' | 'model' | 'default') {
  return { output: { class: name, confidence, method }, ports: [name] };
}

function fallback(context: NodeContext<ClassifierConfig>, why: string) {
  const { default: fallbackClass } = context.config;
  if (fallbackClass === undefined) throw new TailorError('CLASSIFIER_NO_CLASS', `${capitalise(why)}.`);
  context.log('warn', `Took the default class "${fallbackClass}": ${why}.`);
  return decided(fallbackClass, 0, 'default');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
