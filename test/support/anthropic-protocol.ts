import { performance } from 'node:perf_hooks';
import { cutAfterFlush, type Exchange, pause, type RouteTable } from './provider-server.js';
import {
  estimateTokens,
  isBrokenStream,
  isScriptedError,
  type ScriptedAnswer,
  type ScriptedBrokenStream,
  type ScriptedError,
  splitText,
  toolArguments,
} from './scripted-replies.js';

/** The Anthropic Messages API: `POST /v1/messages`, JSON or SSE with its named event types. */
export function anthropicRoutes(): RouteTable {
  return { 'POST /v1/messages': messages };
}

const STOP_REASONS: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

async function messages(ex: Exchange): Promise<void> {
  const { apiKey, models, contextWindow } = ex.options;
  if (apiKey && ex.record.headers['x-api-key'] !== apiKey) {
    return sendAnthropicError(ex, { error: { status: 401, message: 'invalid x-api-key' } });
  }
  if (!ex.record.headers['anthropic-version']) {
    return sendAnthropicError(ex, { error: { status: 400, message: 'anthropic-version: header is required' } });
  }
  const scripted = ex.take('chat');
  if (isScriptedError(scripted)) return sendAnthropicError(ex, scripted);
  if (models && !models.includes(String(ex.body.model))) {
    return sendAnthropicError(ex, { error: { status: 404, message: `model: ${String(ex.body.model)}` } });
  }
  const promptTokens = estimateTokens(JSON.stringify([ex.body.system ?? '', ex.body.messages, ex.body.tools ?? '']));
  if (contextWindow && promptTokens > contextWindow) {
    const message = `prompt is too long: ${promptTokens} tokens > ${contextWindow} maximum`;
    return sendAnthropicError(ex, { error: { status: 400, message } });
  }
  const streaming = ex.body.stream === true;
  if (isBrokenStream(scripted)) return streaming ? streamBroken(ex, scripted) : brokenJson(ex, scripted);
  const answer: ScriptedAnswer = scripted ?? { text: `Echo: ${lastUserText(ex.body.messages)}` };
  const usage = answer.usage ?? {
    input: promptTokens,
    output: estimateTokens((answer.text ?? '') + JSON.stringify(answer.toolCalls ?? '')),
  };
  const stopReason = STOP_REASONS[answer.finishReason ?? ((answer.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'stop')];
  if (streaming) return streamAnswer(ex, answer, usage, stopReason ?? 'end_turn');
  ex.sendJson(200, {
    id: 'msg_local',
    type: 'message',
    role: 'assistant',
    model: ex.body.model,
    content: contentBlocks(answer),
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  });
}

function contentBlocks(answer: ScriptedAnswer): unknown[] {
  const blocks: unknown[] = answer.text ? [{ type: 'text', text: answer.text }] : [];
  for (const [i, call] of (answer.toolCalls ?? []).entries()) {
    const input = typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments;
    blocks.push({ type: 'tool_use', id: call.id ?? `toolu_${i + 1}`, name: call.name, input });
  }
  return blocks;
}

function event(ex: Exchange, type: string, data: Record<string, unknown>): boolean {
  return ex.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

async function streamAnswer(
  ex: Exchange,
  answer: ScriptedAnswer,
  usage: { input: number; output: number },
  stop: string,
) {
  ex.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const message = { id: 'msg_local', type: 'message', role: 'assistant', content: [], model: ex.body.model };
  event(ex, 'message_start', {
    message: { ...message, stop_reason: null, usage: { input_tokens: usage.input, output_tokens: 1 } },
  });
  event(ex, 'ping', {});
  const size = answer.chunkSize ?? 4;
  let index = 0;
  const step = async (type: string, data: Record<string, unknown>) => {
    await pause(answer.delayMs ?? 0, ex.res);
    return event(ex, type, data);
  };
  if (answer.text) {
    event(ex, 'content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const text of splitText(answer.text, size)) {
      ex.record.firstTokenAt ??= performance.now();
      if (!(await step('content_block_delta', { index, delta: { type: 'text_delta', text } }))) return;
    }
    event(ex, 'content_block_stop', { index });
    index += 1;
  }
  for (const [i, call] of (answer.toolCalls ?? []).entries()) {
    const block = { type: 'tool_use', id: call.id ?? `toolu_${i + 1}`, name: call.name, input: {} };
    event(ex, 'content_block_start', { index, content_block: block });
    for (const partial_json of splitText(toolArguments(call), size)) {
      if (!(await step('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }))) return;
    }
    event(ex, 'content_block_stop', { index });
    index += 1;
  }
  event(ex, 'message_delta', {
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: usage.output },
  });
  event(ex, 'message_stop', {});
  ex.res.end();
}

async function streamBroken(ex: Exchange, broken: ScriptedBrokenStream) {
  ex.res.writeHead(200, { 'content-type': 'text/event-stream' });
  event(ex, 'message_start', {
    message: { id: 'msg_local', role: 'assistant', content: [], usage: { input_tokens: 1, output_tokens: 1 } },
  });
  event(ex, 'content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  for (const text of splitText(broken.text ?? '', 4)) {
    event(ex, 'content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
  }
  if (broken.broken === 'malformed-json')
    ex.write('event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, \n\n');
  if (broken.broken === 'cut') cutAfterFlush(ex.res);
  if (broken.broken === 'error-event') {
    event(ex, 'error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
    ex.res.end();
  }
}

function brokenJson(ex: Exchange, broken: ScriptedBrokenStream) {
  if (broken.broken === 'stall') return;
  if (broken.broken === 'cut') {
    ex.res.destroy();
    return;
  }
  ex.res.writeHead(200, { 'content-type': 'application/json' });
  ex.res.end('{"content": [');
}

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  429: ['rate_limit_error', 'Number of requests has exceeded your rate limit.'],
  500: ['api_error', 'An unexpected error has occurred internal to our systems.'],
  529: ['overloaded_error', 'Overloaded'],
};

export function sendAnthropicError(ex: Exchange, scripted: ScriptedError): void {
  const { status, retryAfter } = scripted.error;
  const [type, message] = ERROR_TYPES[status] ?? ['api_error', 'Internal server error'];
  const body = {
    type: 'error',
    error: { type: scripted.error.type ?? type, message: scripted.error.message ?? message },
  };
  ex.sendJson(status, body, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
}

function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const last = [...(messages as Array<{ role?: string; content?: unknown }>)].reverse().find((m) => m.role === 'user');
  if (typeof last?.content === 'string') return last.content;
  if (Array.isArray(last?.content)) return last.content.map((b: { text?: string }) => b.text ?? '').join('');
  return '';
}
