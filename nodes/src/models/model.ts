import { defineNode, type NodeContext, TailorError } from '@tailor/runtime';
import { z } from 'zod';
import type { ChatMessage, ResponseFormat } from '../providers/interfaces.js';
import { parseJsonAnswer } from './json-answer.js';
import {
  ChatMessageConfigSchema,
  chatProviderFor,
  composeSystemPrompt,
  describeCall,
  ModelChoiceFields,
  PromptTextSchema,
  usageWithCost,
} from './model-call.js';

const ModelConfigSchema = z
  .object({
    ...ModelChoiceFields,
    system: PromptTextSchema.optional().describe('Instructions: who the model is and how it answers.'),
    /** The user's turn. With `messages`, it is added after them as the newest turn. */
    prompt: PromptTextSchema.optional().describe('What to ask; use {{ }} to put in earlier outputs.'),
    /** A chat history, e.g. `{{ memory.messages }}`. */
    messages: z
      .array(ChatMessageConfigSchema)
      .optional()
      .describe('A chat history before the prompt, e.g. {{ memory.messages }}.'),
    /** `true` asks for a JSON object; a JSON Schema asks for an object of that shape. */
    json: z
      .union([z.literal(true), z.record(z.string(), z.unknown())])
      .optional()
      .describe('Ask for JSON: true for any object, or a JSON Schema the answer must fit.'),
    stream: z.boolean().default(true).describe('Show the answer word by word as it is written.'),
    stop: z.array(z.string()).max(4).optional().describe('Stop the answer at any of these texts.'),
  })
  .refine((c) => (c.prompt?.trim() ?? '') !== '' || (c.messages?.length ?? 0) > 0, {
    message: 'give the model a prompt, or messages (a chat history)',
    path: ['prompt'],
  });
type ModelConfig = z.output<typeof ModelConfigSchema>;

const ModelOutputSchema = z.object({
  text: z.string(),
  json: z.unknown().optional(),
  /** A reasoning model's thinking, kept apart from the answer. */
  reasoning: z.string().optional(),
  usage: z.object({ input: z.number(), output: z.number() }),
  finishReason: z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'other']),
  model: z.string(),
});

/** One LLM call: system + prompt or a chat history; streamed, with token counts and cost. */
export const modelNode = defineNode({
  type: 'model',
  version: 1,
  title: { en: 'Model', zh: '大模型' },
  description: {
    en: 'Asks an LLM (OpenAI, Anthropic, DeepSeek, Qwen, Hunyuan, Moonshot, Zhipu, Ollama, …) and streams its answer.',
    zh: '调用大模型（OpenAI、Anthropic、DeepSeek、通义千问、混元、Kimi、智谱、Ollama 等）并流式输出回答。',
  },
  category: 'model',
  config: ModelConfigSchema,
  output: ModelOutputSchema,
  defaultTimeoutMs: 120_000,
  run: runModel,
});

async function runModel(context: NodeContext<ModelConfig>) {
  const { config } = context;
  const chat = await chatProviderFor(context, config);
  const reply = await chat.chat({
    model: config.model,
    messages: messagesOf(context),
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
    ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
    ...(config.stop ? { stop: config.stop } : {}),
    ...(config.json ? { responseFormat: formatOf(config.json) } : {}),
    ...(config.stream
      ? {
          onText: (text: string) => context.emit({ text }),
          onReasoning: (reasoning: string) => context.emit({ data: { reasoning } }),
        }
      : {}),
    signal: context.signal,
  });
  context.log(reply.usageEstimated ? 'warn' : 'info', describeCall(config.provider, reply));
  if (reply.finishReason === 'content_filter' && !reply.text) {
    throw new TailorError('PROVIDER_CONTENT_FILTERED', `${config.provider} returned no answer.`);
  }
  const json = config.json
    ? parseJsonAnswer(reply.text, config.json === true ? undefined : config.json, reply.finishReason === 'length')
    : undefined;
  const usage = usageWithCost(context, config.provider, config.model, reply.usage);
  return {
    output: {
      text: reply.text,
      ...(config.json ? { json } : {}),
      ...(reply.reasoning ? { reasoning: reply.reasoning } : {}),
      usage: { input: usage.input, output: usage.output },
      finishReason: reply.finishReason,
      model: reply.model,
    },
    usage,
  };
}

function messagesOf(context: NodeContext<ModelConfig>): ChatMessage[] {
  const { config } = context;
  const jsonHint =
    config.json === true
      ? 'Reply with one JSON object.'
      : config.json
        ? `Reply with one JSON object matching this JSON Schema:\n${JSON.stringify(config.json)}`
        : undefined;
  const system = composeSystemPrompt(context, { ...config, extra: jsonHint });
  const messages: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of config.messages ?? []) messages.push({ role: message.role, content: message.content });
  if (config.prompt?.trim()) messages.push({ role: 'user', content: config.prompt });
  return messages;
}

function formatOf(json: true | Record<string, unknown>): ResponseFormat {
  return json === true ? { type: 'json' } : { type: 'json_schema', name: 'answer', schema: json };
}
