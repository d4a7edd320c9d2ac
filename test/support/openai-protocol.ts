import { performance } from 'node:perf_hooks';
import { deterministicVector } from './deterministic-vectors.js';
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

/** OpenAI-compatible routes: chat completions (streaming and not), models, embeddings. */
export function openAiRoutes(): RouteTable {
  return {
    'GET /v1/models': (ex) => {
      if (!gate(ex, 'models', false)) return;
      const models = ex.options.models ?? ['gpt-test'];
      ex.sendJson(200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'local' })),
      });
    },
    'POST /v1/chat/completions': chatCompletions,
    'POST /v1/embeddings': (ex) => {
      if (!gate(ex, 'embeddings', true)) return;
      const input = ex.body.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
      const dimensions = Number(ex.body.dimensions ?? ex.options.embeddingDimensions ?? 64);
      const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
      ex.sendJson(200, {
        object: 'list',
        data: texts.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: deterministicVector(text, dimensions),
        })),
        model: ex.body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    },
  };
}

/** Auth, scripted errors and unknown models, in the order a real server checks them. */
function gate(ex: Exchange, route: 'chat' | 'embeddings' | 'models', checkModel: boolean): boolean {
  const { apiKey, models } = ex.options;
  if (apiKey && ex.presentedKey() !== apiKey) {
    sendOpenAiError(ex, { error: { status: 401, code: 'invalid_api_key' } });
    return false;
  }
  if (route !== 'chat') {
    const scripted = ex.take(route);
    if (isScriptedError(scripted)) {
      sendOpenAiError(ex, scripted);
      return false;
    }
  }
  if (checkModel && models && !models.includes(String(ex.body.model))) {
    sendOpenAiError(ex, { error: { status: 404, code: 'model_not_found' } });
    return false;
  }
  return true;
}

async function chatCompletions(ex: Exchange): Promise<void> {
  if (!gate(ex, 'chat', true)) return;
  const refused = ex.options.refuseFields?.find((field) => field in ex.body);
  if (refused) {
    const message = `Unrecognized request argument supplied: ${refused}`;
    return sendOpenAiError(ex, { error: { status: 400, message, type: 'invalid_request_error' } });
  }
  const scripted = ex.take('chat');
  if (isScriptedError(scripted)) return sendOpenAiError(ex, scripted);
  const messages = Array.isArray(ex.body.messages) ? (ex.body.messages as Array<Record<string, unknown>>) : [];
  const promptTokens = estimateTokens(JSON.stringify(messages) + JSON.stringify(ex.body.tools ?? ''));
  const window = ex.options.contextWindow;
  if (window && promptTokens > window) {
    const message = `This model's maximum context length is ${window} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`;
    return sendOpenAiError(ex, { error: { status: 400, code: 'context_length_exceeded', message } });
  }
  const streaming = ex.body.stream === true;
  if (isBrokenStream(scripted)) return streaming ? streamBroken(ex, scripted) : sendBroken(ex, scripted);
  const answer: ScriptedAnswer = scripted ?? { text: `Echo: ${lastUserText(messages)}` };
  const usage = answer.usage ?? {
    input: promptTokens,
    output: estimateTokens((answer.text ?? '') + JSON.stringify(answer.toolCalls ?? '')),
  };
  if (streaming) return streamAnswer(ex, answer, usage);
  ex.sendJson(200, {
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: ex.body.model,
    choices: [{ index: 0, message: assistantMessage(answer), finish_reason: finishOf(answer) }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  });
}

function assistantMessage(answer: ScriptedAnswer) {
  const toolCalls = (answer.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${i + 1}`,
    type: 'function',
    function: { name: call.name, arguments: toolArguments(call) },
  }));
  const reasoning = answer.reasoning ? { reasoning_content: answer.reasoning } : {};
  return toolCalls.length > 0
    ? { role: 'assistant', content: answer.text ?? null, ...reasoning, tool_calls: toolCalls }
    : { role: 'assistant', content: answer.text ?? '', ...reasoning };
}

function finishOf(answer: ScriptedAnswer): string {
  return answer.finishReason ?? ((answer.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'stop');
}

async function streamAnswer(ex: Exchange, answer: ScriptedAnswer, usage: { input: number; output: number }) {
  ex.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const size = answer.chunkSize ?? 4;
  const send = async (delta: Record<string, unknown>, finish: string | null = null) => {
    await pause(answer.delayMs ?? 0, ex.res);
    return ex.write(`data: ${JSON.stringify(chunk(ex, [{ index: 0, delta, finish_reason: finish }]))}\n\n`);
  };
  if (!(await send({ role: 'assistant', content: '' }))) return;
  for (const piece of splitText(answer.reasoning ?? '', size)) {
    if (!(await send({ reasoning_content: piece }))) return;
  }
  for (const piece of splitText(answer.text ?? '', size)) {
    ex.record.firstTokenAt ??= performance.now();
    if (!(await send({ content: piece }))) return;
  }
  for (const [index, call] of (answer.toolCalls ?? []).entries()) {
    const head = {
      index,
      id: call.id ?? `call_${index + 1}`,
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    if (!(await send({ tool_calls: [head] }))) return;
    for (const piece of splitText(toolArguments(call), size)) {
      if (!(await send({ tool_calls: [{ index, function: { arguments: piece } }] }))) return;
    }
  }
  if (!(await send({}, finishOf(answer)))) return;
  const options = ex.body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage || answer.alwaysSendUsage) {
    const total = usage.input + usage.output;
    const last = {
      ...chunk(ex, []),
      usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: total },
    };
    ex.write(`data: ${JSON.stringify(last)}\n\n`);
  }
  ex.write('data: [DONE]\n\n');
  ex.res.end();
}

function chunk(ex: Exchange, choices: unknown[]) {
  return { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 0, model: ex.body.model, choices };
}

async function streamBroken(ex: Exchange, broken: ScriptedBrokenStream) {
  ex.res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const piece of splitText(broken.text ?? '', 4)) {
    ex.write(`data: ${JSON.stringify(chunk(ex, [{ index: 0, delta: { content: piece }, finish_reason: null }]))}\n\n`);
  }
  if (broken.broken === 'malformed-json') ex.write('data: {"choices": [{"delta": {"content": "x"\n\n');
  if (broken.broken === 'cut') cutAfterFlush(ex.res);
  if (broken.broken === 'error-event') {
    ex.write(
      `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } })}\n\n`,
    );
    ex.res.end();
  }
  // 'stall' and 'malformed-json': keep the connection open and silent until the client gives up.
}

function sendBroken(ex: Exchange, broken: ScriptedBrokenStream) {
  if (broken.broken === 'stall') {
    // Headers and the start of a body, then silence: the client must not wait forever.
    ex.res.writeHead(200, { 'content-type': 'application/json' });
    ex.write('{"choices": [');
    return;
  }
  if (broken.broken === 'cut') {
    ex.res.destroy();
    return;
  }
  ex.res.writeHead(200, { 'content-type': 'application/json' });
  ex.res.end(broken.broken === 'malformed-json' ? '{"choices": [' : '{"unexpected": true}');
}

const DEFAULT_ERRORS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: {
    message: 'Incorrect API key provided. You can find your API key in your account settings.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message: 'Rate limit reached for requests. Please try again later.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

export function sendOpenAiError(ex: Exchange, scripted: ScriptedError): void {
  const { status, retryAfter } = scripted.error;
  const fallback = DEFAULT_ERRORS[status] ?? DEFAULT_ERRORS[500];
  const message =
    scripted.error.message ??
    (status === 404
      ? `The model \`${String(ex.body.model)}\` does not exist or you do not have access to it.`
      : fallback?.message);
  const error = {
    message,
    type: scripted.error.type ?? fallback?.type,
    param: null,
    code: scripted.error.code ?? fallback?.code ?? null,
  };
  ex.sendJson(status, { error }, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
}

function lastUserText(messages: Array<Record<string, unknown>>): string {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const content = last?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? '').join('');
  return '';
}

export { lastUserText };
