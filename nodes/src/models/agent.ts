import { addUsage, defineNode, type NodeContext, TailorError, type TokenUsage } from '@tailor/runtime';
import { z } from 'zod';
import type { ChatMessage, ChatResponse, ToolCall } from '../providers/interfaces.js';
import { AgentToolSchema, runToolCall, type ToolOutcome, toolSpecs, toolSubgraphs } from './agent-tools.js';
import {
  ChatMessageConfigSchema,
  chatProviderFor,
  composeSystemPrompt,
  describeCall,
  ModelChoiceFields,
  PromptTextSchema,
  usageWithCost,
} from './model-call.js';

const AgentConfigSchema = z
  .object({
    ...ModelChoiceFields,
    system: PromptTextSchema.optional(),
    prompt: PromptTextSchema.optional(),
    messages: z.array(ChatMessageConfigSchema).optional(),
    tools: z.array(AgentToolSchema).max(64).default([]).describe('What the agent may use; each tool is a small flow.'),
    /** Model calls at most; each may ask for several tools at once. */
    maxSteps: z.number().int().min(1).max(50).default(8).describe('Most model calls before the agent must answer.'),
    /** Input + output tokens over all steps; no new step starts once it is spent. */
    tokenBudget: z.number().int().positive().optional().describe('Most tokens (in + out) over all steps.'),
    /** A tool result longer than this is cut before it goes back to the model. */
    maxToolResultChars: z
      .number()
      .int()
      .min(100)
      .max(200_000)
      .default(16_000)
      .describe('Longer tool results are cut to this many characters.'),
    stream: z.boolean().default(true).describe('Show the answer word by word as it is written.'),
  })
  .refine((c) => (c.prompt?.trim() ?? '') !== '' || (c.messages?.length ?? 0) > 0, {
    message: 'give the agent a task (prompt) or messages',
    path: ['prompt'],
  })
  .refine((c) => new Set(c.tools.map((t) => t.name)).size === c.tools.length, {
    message: 'two tools have the same name',
    path: ['tools'],
  });
type AgentConfig = z.output<typeof AgentConfigSchema>;

const StepSchema = z.object({
  step: z.number(),
  tool: z.string(),
  arguments: z.unknown(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

/** An LLM that calls tools (small graphs) until it can answer, within a step limit and a token budget. */
export const agentNode = defineNode({
  type: 'agent',
  version: 1,
  title: { en: 'Agent', zh: '智能体' },
  description: {
    en: 'An LLM that calls tools (API calls, knowledge search, sub-flows) as often as it needs, then answers.',
    zh: '可以反复调用工具（接口、知识库检索、子流程）直到得出答案的大模型。',
  },
  category: 'model',
  config: AgentConfigSchema,
  output: z.object({
    text: z.string(),
    steps: z.array(StepSchema),
    usage: z.object({ input: z.number(), output: z.number() }),
    finishReason: z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'other']),
    model: z.string(),
  }),
  rawFields: ['tools'],
  subgraphs: toolSubgraphs,
  defaultTimeoutMs: 300_000,
  run: runAgent,
});

async function runAgent(context: NodeContext<AgentConfig>) {
  const { config } = context;
  const chat = await chatProviderFor(context, config);
  const messages = initialMessages(context);
  const steps: Step[] = [];
  let usage: TokenUsage | undefined;
  for (let step = 1; step <= config.maxSteps; step += 1) {
    checkBudget(config, usage, step, steps);
    const reply = await chat.chat({
      model: config.model,
      messages,
      tools: toolSpecs(config.tools),
      ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
      ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
      ...(config.stream ? { onText: (text: string) => context.emit({ text }) } : {}),
      signal: context.signal,
    });
    context.log('info', `step ${step}: ${describeCall(config.provider, reply)}`);
    usage = addUsage(usage, usageWithCost(context, config.provider, config.model, reply.usage));
    if (reply.toolCalls.length === 0) return finish(reply, steps, usage);
    messages.push({ role: 'assistant', content: reply.text, toolCalls: reply.toolCalls });
    await callTools(context, step, reply.toolCalls, messages, steps);
  }
  throw new TailorError(
    'AGENT_STEP_LIMIT',
    `It made ${config.maxSteps} model calls; raise maxSteps or simplify the task.`,
    { steps },
  );
}

type Step = z.output<typeof StepSchema>;

/** No new step once the budget is spent (the step that crossed it may still have answered). */
function checkBudget(config: AgentConfig, usage: TokenUsage | undefined, step: number, steps: Step[]): void {
  const spent = (usage?.input ?? 0) + (usage?.output ?? 0);
  if (config.tokenBudget === undefined || spent < config.tokenBudget) return;
  throw new TailorError(
    'AGENT_TOKEN_BUDGET',
    `It used ${spent} of ${config.tokenBudget} tokens in ${step - 1} steps.`,
    {
      steps,
    },
  );
}

/** Runs the calls of one step at once, each a child graph, and hands every result back to the model. */
async function callTools(
  context: NodeContext<AgentConfig>,
  step: number,
  calls: readonly ToolCall[],
  messages: ChatMessage[],
  steps: Step[],
): Promise<void> {
  const { tools, maxToolResultChars } = context.config;
  const outcomes = await Promise.all(
    calls.map((call, i) => {
      context.emit({ data: { step, tool: call.name, arguments: call.arguments } });
      const label = `step ${step}.${i + 1} ${call.name}`;
      return runToolCall(context as NodeContext<unknown>, tools, call, label, maxToolResultChars);
    }),
  );
  outcomes.forEach((outcome, i) => {
    messages.push({ role: 'tool', toolCallId: calls[i]?.id ?? '', content: outcome.content });
    steps.push(stepOf(step, outcome));
    if (outcome.error) context.log('warn', `step ${step}: tool ${outcome.tool}: ${outcome.error}`);
  });
}

function finish(reply: ChatResponse, steps: Step[], usage: TokenUsage | undefined) {
  const total = usage ?? { input: 0, output: 0 };
  return {
    output: {
      text: reply.text,
      steps,
      usage: { input: total.input, output: total.output },
      finishReason: reply.finishReason,
      model: reply.model,
    },
    usage: total,
  };
}

function stepOf(step: number, outcome: ToolOutcome): Step {
  return {
    step,
    tool: outcome.tool,
    arguments: outcome.arguments,
    ...(outcome.error ? { error: outcome.error } : { result: outcome.result }),
  };
}

function initialMessages(context: NodeContext<AgentConfig>): ChatMessage[] {
  const { config } = context;
  const system = composeSystemPrompt(context, config);
  const messages: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of config.messages ?? []) messages.push({ role: message.role, content: message.content });
  if (config.prompt?.trim()) messages.push({ role: 'user', content: config.prompt });
  return messages;
}
