import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { retryBeforeFirstOutput } from './chat-retry.js';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResponse, FinishReason, ToolCall } from './interfaces.js';
import { classifyProviderError, redactSecrets } from './provider-errors.js';
import { type ProviderEndpoint, readJsonBody, sendProviderRequest } from './provider-http.js';
import { readServerSentEvents } from './sse.js';
import { createThinkSplitter } from './think-splitter.js';
import { estimateTokens } from './token-estimate.js';

export interface OpenAiChatOptions {
  endpoint: ProviderEndpoint;
  /** OpenAI and Azure want `max_completion_tokens`; most compatible servers `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Whether the server understands `response_format: json_schema` (else `json_object` is sent). */
  jsonSchema?: boolean;
  /** Ask for usage in the last stream chunk (`stream_options.include_usage`). */
  streamUsage?: boolean;
  /** Path of the chat completions call for a model (Azure deployments put the model in the path). */
  pathFor?: (model: string) => string;
}

const UsageSchema = z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() });
const ToolCallSchema = z.object({
  index: z.number().optional(),
  id: z.string().optional(),
  function: z.object({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});
/** A message or a streamed delta; reasoning servers add `reasoning_content` (or `reasoning`). */
const MessagePartSchema = z.object({
  content: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z.array(ToolCallSchema).nullish(),
});
const ChunkSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: MessagePartSchema.nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: UsageSchema.nullish(),
  error: z.unknown().optional(),
});
const CompletionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: MessagePartSchema,
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: UsageSchema.nullish(),
});

/** The OpenAI chat completions protocol, which most providers (and local servers) also speak. */
export function createOpenAiChat(options: OpenAiChatOptions): ChatProvider {
  // Older servers (Azure before 2024-09, some proxies) refuse `stream_options`: ask once, then stop asking.
  let streamUsage = options.streamUsage !== false;
  return {
    async chat(request) {
      const stream = request.onText !== undefined;
      const path = options.pathFor?.(request.model) ?? '/chat/completions';
      const send = async () => {
        const body = () => wireRequest(request, { ...options, streamUsage }, stream);
        try {
          return await sendProviderRequest(options.endpoint, path, { body: body(), signal: request.signal });
        } catch (error) {
          if (!(stream && streamUsage && refusedStreamOptions(error))) throw error;
          streamUsage = false;
          return sendProviderRequest(options.endpoint, path, { body: body(), signal: request.signal });
        }
      };
      return retryBeforeFirstOutput(request, options.endpoint.retry, send, (response, guarded) =>
        stream ? readStream(response, guarded, options.endpoint) : readCompletion(response, guarded, options.endpoint),
      );
    },
  };
}

function refusedStreamOptions(error: unknown): boolean {
  return (
    error instanceof TailorError && error.code === 'PROVIDER_BAD_REQUEST' && error.message.includes('stream_options')
  );
}

function wireRequest(request: ChatRequest, options: OpenAiChatOptions, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: request.messages.map(wireMessage) };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body[options.maxTokensField ?? 'max_tokens'] = request.maxTokens;
  if (request.stop?.length) body.stop = request.stop;
  const format = request.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    body.response_format =
      options.jsonSchema === false
        ? { type: 'json_object' }
        : { type: 'json_schema', json_schema: { name: format.name, schema: format.schema } };
  }
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (stream) {
    body.stream = true;
    if (options.streamUsage !== false) body.stream_options = { include_usage: true };
  }
  return body;
}

function wireMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

export function finishReasonOf(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'length' || reason === 'tool_calls' || reason === 'content_filter') return reason;
  if (reason === 'function_call') return 'tool_calls';
  return 'other';
}

async function readCompletion(response: Response, request: ChatRequest, endpoint: ProviderEndpoint) {
  const parsed = CompletionSchema.safeParse(await readJsonBody(endpoint, response));
  if (!parsed.success) {
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent a completion without choices.`);
  }
  const choice = parsed.data.choices[0];
  const parts = { text: '', reasoning: choice?.message.reasoning_content ?? choice?.message.reasoning ?? '' };
  const splitter = createThinkSplitter({
    text: (t) => {
      parts.text += t;
    },
    reasoning: (r) => {
      parts.reasoning += r;
    },
  });
  splitter.feed(choice?.message.content ?? '');
  splitter.end();
  const toolCalls = (choice?.message.tool_calls ?? []).map((call, i) => ({
    id: call.id ?? `call_${i + 1}`,
    name: call.function?.name ?? '',
    arguments: call.function?.arguments ?? '',
  }));
  return result(request, parsed.data.model, parts, toolCalls, choice?.finish_reason, parsed.data.usage);
}

/** What a stream has said so far; text and thinking go out to the caller as they arrive. */
class StreamAnswer {
  readonly calls = new Map<number, ToolCall>();
  text = '';
  reasoning = '';
  finish: string | null | undefined;
  usage: z.output<typeof UsageSchema> | null | undefined;
  model: string | undefined;
  readonly splitter;

  constructor(private readonly request: ChatRequest) {
    this.splitter = createThinkSplitter({
      text: (piece) => this.addText(piece),
      reasoning: (piece) => this.addReasoning(piece),
    });
  }

  addText(piece: string): void {
    this.text += piece;
    this.request.onText?.(piece);
  }

  addReasoning(piece: string): void {
    this.reasoning += piece;
    this.request.onReasoning?.(piece);
  }

  apply(chunk: z.output<typeof ChunkSchema>): void {
    this.model ??= chunk.model;
    this.usage = chunk.usage ?? this.usage;
    for (const choice of chunk.choices ?? []) {
      const thought = choice.delta?.reasoning_content ?? choice.delta?.reasoning;
      if (thought) this.addReasoning(thought);
      if (choice.delta?.content) this.splitter.feed(choice.delta.content);
      for (const [position, delta] of (choice.delta?.tool_calls ?? []).entries())
        addToolDelta(this.calls, delta, position);
      this.finish = choice.finish_reason ?? this.finish;
    }
  }
}

async function readStream(response: Response, request: ChatRequest, endpoint: ProviderEndpoint) {
  const answer = new StreamAnswer(request);
  let done = false;
  const reading = { provider: endpoint.provider, idleTimeoutMs: endpoint.idleTimeoutMs, signal: request.signal };
  for await (const event of readServerSentEvents(response.body, reading)) {
    if (event.data.trim() === '[DONE]') {
      done = true;
      break;
    }
    answer.apply(parseChunk(event.data, endpoint));
  }
  answer.splitter.end();
  if (!done && !answer.finish) {
    throw new TailorError(
      'PROVIDER_STREAM_INTERRUPTED',
      `${endpoint.provider} ended the stream before the answer was complete.`,
    );
  }
  const { model, text, reasoning, calls, finish, usage } = answer;
  return result(request, model, { text, reasoning }, [...calls.values()], finish, usage);
}

function parseChunk(data: string, endpoint: ProviderEndpoint): z.output<typeof ChunkSchema> {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    const excerpt = redactSecrets(data.slice(0, 120), endpoint.secrets);
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent a malformed stream chunk: ${excerpt}`);
  }
  const chunk = ChunkSchema.safeParse(json);
  if (!chunk.success)
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent an unexpected stream chunk.`);
  if (chunk.data.error) throw streamError(endpoint, chunk.data.error);
  return chunk.data;
}

function streamError(endpoint: ProviderEndpoint, error: unknown): TailorError {
  const body =
    typeof error === 'object' && error ? (error as { message?: unknown; code?: unknown; type?: unknown }) : {};
  const message = typeof body.message === 'string' ? body.message : JSON.stringify(error);
  const code = classifyProviderError(500, { message, code: String(body.code ?? ''), type: String(body.type ?? '') });
  const clean = redactSecrets(message, endpoint.secrets);
  return new TailorError(code, `${endpoint.provider} reported an error mid-stream: "${clean}"`, {
    provider: endpoint.provider,
  });
}

function addToolDelta(calls: Map<number, ToolCall>, delta: z.output<typeof ToolCallSchema>, position: number): void {
  const index = delta.index ?? position;
  const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
  if (delta.id) call.id = delta.id;
  if (delta.function?.name && !call.name) call.name = delta.function.name;
  if (delta.function?.arguments) call.arguments += delta.function.arguments;
  calls.set(index, call);
}

function result(
  request: ChatRequest,
  model: string | undefined,
  { text, reasoning }: { text: string; reasoning: string },
  toolCalls: ToolCall[],
  finish: string | null | undefined,
  usage: z.output<typeof UsageSchema> | null | undefined,
): ChatResponse {
  const calls = toolCalls.map((call, i) => ({ ...call, id: call.id || `call_${i + 1}` }));
  const reported = usage?.prompt_tokens !== undefined && usage.completion_tokens !== undefined;
  return {
    text,
    toolCalls: calls,
    finishReason: finishReasonOf(finish),
    usage: reported
      ? { input: usage?.prompt_tokens ?? 0, output: usage?.completion_tokens ?? 0 }
      : {
          input: estimateTokens(request.messages.map((m) => m.content).join('\n')),
          output: estimateTokens(text + calls.map((c) => c.arguments).join('')),
        },
    ...(reported ? {} : { usageEstimated: true }),
    ...(reasoning ? { reasoning } : {}),
    model: model ?? request.model,
  };
}
