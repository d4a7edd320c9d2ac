import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { retryBeforeFirstOutput } from './chat-retry.js';
import type { ChatMessage, ChatProvider, ChatRequest, ChatResponse, FinishReason, ToolCall } from './interfaces.js';
import { classifyProviderError, redactSecrets } from './provider-errors.js';
import { type ProviderEndpoint, readJsonBody, sendProviderRequest } from './provider-http.js';
import { readServerSentEvents } from './sse.js';

/** Anthropic insists on a max_tokens; this is used when the node sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
export const ANTHROPIC_VERSION = '2023-06-01';

const BlockSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
});
const MessageSchema = z.object({
  model: z.string().optional(),
  content: z.array(BlockSchema),
  stop_reason: z.string().nullish(),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).partial().optional(),
});
const EventSchema = z.object({
  type: z.string(),
  index: z.number().optional(),
  message: z
    .object({ model: z.string().optional(), usage: z.object({ input_tokens: z.number() }).partial().optional() })
    .optional(),
  content_block: BlockSchema.optional(),
  delta: z
    .object({
      type: z.string().optional(),
      text: z.string().optional(),
      partial_json: z.string().optional(),
      thinking: z.string().optional(),
      stop_reason: z.string().nullish(),
    })
    .optional(),
  usage: z.object({ output_tokens: z.number() }).partial().optional(),
  error: z.object({ type: z.string().optional(), message: z.string().optional() }).optional(),
});

/** The Anthropic Messages API, streaming and tool use included. */
export function createAnthropicChat(endpoint: ProviderEndpoint): ChatProvider {
  return {
    async chat(request) {
      const stream = request.onText !== undefined;
      const body = { ...wireRequest(request), ...(stream ? { stream: true } : {}) };
      const send = () => sendProviderRequest(endpoint, '/v1/messages', { body, signal: request.signal });
      return retryBeforeFirstOutput(request, endpoint.retry, send, (response, guarded) =>
        stream ? readStream(response, guarded, endpoint) : readMessage(response, guarded, endpoint),
      );
    },
  };
}

export function anthropicHeaders(apiKey: string | undefined): Record<string, string> {
  return { ...(apiKey ? { 'x-api-key': apiKey } : {}), 'anthropic-version': ANTHROPIC_VERSION };
}

function wireRequest(request: ChatRequest): Record<string, unknown> {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const format = request.responseFormat;
  if (format?.type === 'json') system.push('Reply with one JSON object only, no other text.');
  if (format?.type === 'json_schema') {
    system.push(
      `Reply with one JSON object only, no other text, matching this JSON Schema:\n${JSON.stringify(format.schema)}`,
    );
  }
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: wireMessages(request.messages.filter((m) => m.role !== 'system')),
  };
  if (system.length) body.system = system.join('\n\n');
  if (request.temperature !== undefined) body.temperature = Math.min(1, request.temperature);
  if (request.stop?.length) body.stop_sequences = request.stop;
  if (request.tools?.length) {
    body.tools = request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));
  }
  return body;
}

type WireBlock = Record<string, unknown>;

/** Anthropic wants alternating turns and tool results inside a user turn: merge accordingly. */
function wireMessages(messages: ChatMessage[]): Array<{ role: 'user' | 'assistant'; content: WireBlock[] }> {
  const out: Array<{ role: 'user' | 'assistant'; content: WireBlock[] }> = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(message);
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  return out;
}

function blocksOf(message: ChatMessage): WireBlock[] {
  if (message.role === 'tool')
    return [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }];
  const blocks: WireBlock[] = message.content ? [{ type: 'text', text: message.content }] : [];
  for (const call of message.toolCalls ?? []) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseArguments(call.arguments) });
  }
  return blocks;
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}

function finishOf(reason: string | null | undefined): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens') return 'length';
  if (reason === 'tool_use') return 'tool_calls';
  if (reason === 'refusal') return 'content_filter';
  return 'other';
}

async function readMessage(
  response: Response,
  request: ChatRequest,
  endpoint: ProviderEndpoint,
): Promise<ChatResponse> {
  const parsed = MessageSchema.safeParse(await readJsonBody(endpoint, response));
  if (!parsed.success)
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent a message without content.`);
  const { content, usage } = parsed.data;
  const toolCalls = content
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({ id: b.id ?? '', name: b.name ?? '', arguments: JSON.stringify(b.input ?? {}) }));
  return {
    text: content.map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join(''),
    toolCalls,
    finishReason: finishOf(parsed.data.stop_reason),
    usage: { input: usage?.input_tokens ?? 0, output: usage?.output_tokens ?? 0 },
    model: parsed.data.model ?? request.model,
  };
}

interface StreamState {
  text: string;
  reasoning: string;
  input: number;
  output: number;
  stop: string | null | undefined;
  model: string;
  done: boolean;
  tools: Map<number, ToolCall>;
}

async function readStream(response: Response, request: ChatRequest, endpoint: ProviderEndpoint): Promise<ChatResponse> {
  const state: StreamState = {
    text: '',
    reasoning: '',
    input: 0,
    output: 0,
    stop: undefined,
    model: request.model,
    done: false,
    tools: new Map(),
  };
  const reading = { provider: endpoint.provider, idleTimeoutMs: endpoint.idleTimeoutMs, signal: request.signal };
  for await (const message of readServerSentEvents(response.body, reading)) {
    applyEvent(state, parseEvent(message.data, endpoint), request, endpoint);
  }
  if (!state.done) {
    throw new TailorError(
      'PROVIDER_STREAM_INTERRUPTED',
      `${endpoint.provider} ended the stream before the answer was complete.`,
    );
  }
  return {
    text: state.text,
    toolCalls: [...state.tools.values()].map((call) => ({ ...call, arguments: call.arguments || '{}' })),
    finishReason: finishOf(state.stop),
    usage: { input: state.input, output: state.output },
    model: state.model,
    ...(state.reasoning ? { reasoning: state.reasoning } : {}),
  };
}

/** One event of the Messages stream folded into the state (text and thinking go out as they come). */
function applyEvent(
  state: StreamState,
  event: z.output<typeof EventSchema>,
  request: ChatRequest,
  endpoint: ProviderEndpoint,
) {
  const { delta } = event;
  if (event.type === 'message_start') {
    state.input = event.message?.usage?.input_tokens ?? 0;
    state.model = event.message?.model ?? state.model;
  } else if (event.type === 'content_block_start' && event.content_block?.type === 'tool_use') {
    const { id = '', name = '' } = event.content_block;
    state.tools.set(event.index ?? state.tools.size, { id, name, arguments: '' });
  } else if (delta?.type === 'text_delta' && delta.text) {
    state.text += delta.text;
    request.onText?.(delta.text);
  } else if (delta?.type === 'thinking_delta' && delta.thinking) {
    state.reasoning += delta.thinking;
    request.onReasoning?.(delta.thinking);
  } else if (delta?.type === 'input_json_delta') {
    const call = state.tools.get(event.index ?? -1);
    if (call) call.arguments += delta.partial_json ?? '';
  } else if (event.type === 'message_delta') {
    state.stop = delta?.stop_reason ?? state.stop;
    state.output = event.usage?.output_tokens ?? state.output;
  } else if (event.type === 'message_stop') {
    state.done = true;
  } else if (event.type === 'error') {
    throw streamError(endpoint, event.error);
  }
}

function parseEvent(data: string, endpoint: ProviderEndpoint): z.output<typeof EventSchema> {
  try {
    const parsed = EventSchema.safeParse(JSON.parse(data));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  const excerpt = redactSecrets(data.slice(0, 120), endpoint.secrets);
  throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent a malformed stream event: ${excerpt}`);
}

const STATUS_OF_TYPE: Record<string, number> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  api_error: 500,
  invalid_request_error: 400,
  authentication_error: 401,
};

function streamError(endpoint: ProviderEndpoint, error: { type?: string; message?: string } | undefined): TailorError {
  const status = STATUS_OF_TYPE[error?.type ?? ''] ?? 500;
  const code = classifyProviderError(status, { type: error?.type, message: error?.message });
  const said = redactSecrets(error?.message ?? 'unknown error', endpoint.secrets);
  return new TailorError(code, `${endpoint.provider} reported an error mid-stream: "${said}"`, {
    provider: endpoint.provider,
  });
}
