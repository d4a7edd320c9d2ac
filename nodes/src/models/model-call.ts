import { type NodeContext, serviceKey, type TokenUsage } from '@tailor/runtime';
import { z } from 'zod';
import { type ChatProvider, type ChatResponse, ModelProvidersService } from '../providers/interfaces.js';
import { DEFAULT_PRICES, PriceTableService, priceUsage } from '../providers/prices.js';

/** Any resolved value as prompt text (a whole-reference object prints as JSON). */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const PromptTextSchema = z.preprocess(asText, z.string());

/** The fields every node that calls a chat model shares. */
export const ModelChoiceFields = {
  provider: z
    .string()
    .min(1, 'pick a provider, e.g. "openai", "deepseek" or "ollama"')
    .describe(
      'Who runs the model: openai, azure-openai, anthropic, deepseek, qwen, hunyuan, moonshot, zhipu, ollama, vllm, llamacpp.',
    ),
  model: z
    .string()
    .min(1, 'name the model, e.g. "gpt-4o-mini"')
    .describe('The model id, e.g. gpt-4o-mini or deepseek-chat.'),
  /** Id of a stored credential; absent means the one named after the provider. */
  credential: z
    .string()
    .min(1)
    .optional()
    .describe('A stored credential; leave empty to use the one named after the provider.'),
  temperature: z.number().min(0).max(2).optional().describe('0 for steady answers, higher for more varied ones.'),
  maxTokens: z.number().int().positive().max(1_000_000).optional().describe('Longest answer, in tokens.'),
  /**
   * The model-side safety layer: a guard system prompt put before everything else the model is
   * told. The safety family fills it in (or provides `ModelSideGuardService` for every call).
   */
  modelSideGuardPrompt: z
    .string()
    .optional()
    .describe('Safety instructions put before everything else the model is told.'),
};

export const ChatMessageConfigSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: PromptTextSchema,
});

/** An installation-wide guard prompt, prepended to every model, agent and classifier call. */
export interface ModelSideGuard {
  modelSideGuardPrompt: string;
}
export const ModelSideGuardService = serviceKey<ModelSideGuard>(
  'model-side-guard',
  'the model-side guard system prompt of the safety layer',
);

/** The system prompt in order: installation guard, node guard, then the node's own instructions. */
export function composeSystemPrompt(
  context: Pick<NodeContext<unknown>, 'services'>,
  parts: { modelSideGuardPrompt?: string; system?: string; extra?: string },
): string | undefined {
  const guard = context.services.find(ModelSideGuardService)?.modelSideGuardPrompt;
  const all = [guard, parts.modelSideGuardPrompt, parts.system, parts.extra].filter((p): p is string => !!p?.trim());
  return all.length ? all.join('\n\n') : undefined;
}

export function chatProviderFor(
  context: Pick<NodeContext<unknown>, 'services'>,
  config: { provider: string; credential?: string },
): Promise<ChatProvider> {
  const providers = context.services.get(ModelProvidersService);
  return providers.chat({ provider: config.provider, ...(config.credential ? { credential: config.credential } : {}) });
}

/** The call's usage with its cost from the price table (the installation's, else the shipped one). */
export function usageWithCost(
  context: Pick<NodeContext<unknown>, 'services'>,
  provider: string,
  model: string,
  usage: ChatResponse['usage'],
): TokenUsage {
  const table = context.services.find(PriceTableService) ?? DEFAULT_PRICES;
  return priceUsage(table, provider, model, usage);
}

/** One line for the node's log: what was called and what it cost, never a key. */
export function describeCall(provider: string, reply: ChatResponse): string {
  const estimated = reply.usageEstimated ? ' (estimated: the provider reported no usage)' : '';
  return `${provider} ${reply.model}: ${reply.usage.input} input + ${reply.usage.output} output tokens${estimated}, finish ${reply.finishReason}`;
}
