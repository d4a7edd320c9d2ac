import { deterministicVector } from './deterministic-vectors.js';
import { lastUserText } from './openai-protocol.js';
import { cutAfterFlush, type Exchange, pause, type RouteTable } from './provider-server.js';
import { estimateTokens, isBrokenStream, isScriptedError, type ScriptedAnswer, splitText } from './scripted-replies.js';

/**
 * Ollama's native API: `/api/tags`, `/api/version`, `/api/chat` (NDJSON streaming, the default)
 * and `/api/embed`. Ollama's OpenAI-compatible `/v1/*` routes are the OpenAI ones of this server.
 */
export function ollamaRoutes(): RouteTable {
  return {
    'GET /api/version': (ex) => ex.sendJson(200, { version: '0.6.2' }),
    'GET /api/tags': (ex) => {
      const scripted = ex.take('models');
      if (isScriptedError(scripted)) return ollamaError(ex, scripted.error.status, scripted.error.message);
      const models = ex.options.models ?? ['llama3.2:latest'];
      ex.sendJson(200, { models: models.map(tag) });
    },
    'POST /api/chat': chat,
    'POST /api/embed': (ex) => {
      const scripted = ex.take('embeddings');
      if (isScriptedError(scripted)) return ollamaError(ex, scripted.error.status, scripted.error.message);
      if (!knows(ex)) return;
      const input = ex.body.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
      const dimensions = ex.options.embeddingDimensions ?? 64;
      ex.sendJson(200, {
        model: ex.body.model,
        embeddings: texts.map((text) => deterministicVector(text, dimensions)),
        prompt_eval_count: texts.reduce((sum, text) => sum + estimateTokens(text), 0),
      });
    },
  };
}

function tag(name: string) {
  return {
    name,
    model: name,
    modified_at: '2025-01-01T00:00:00Z',
    size: 2_019_393_189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    details: { format: 'gguf', family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
  };
}

function knows(ex: Exchange): boolean {
  const { models } = ex.options;
  if (models && !models.includes(String(ex.body.model))) {
    ollamaError(ex, 404, `model "${String(ex.body.model)}" not found, try pulling it first`);
    return false;
  }
  return true;
}

function ollamaError(ex: Exchange, status: number, message = 'internal error') {
  ex.sendJson(status, { error: message });
}

async function chat(ex: Exchange): Promise<void> {
  const scripted = ex.take('chat');
  if (isScriptedError(scripted)) return ollamaError(ex, scripted.error.status, scripted.error.message);
  if (!knows(ex)) return;
  const messages = Array.isArray(ex.body.messages) ? (ex.body.messages as Array<Record<string, unknown>>) : [];
  const answer: ScriptedAnswer = isBrokenStream(scripted)
    ? { text: scripted.text ?? '' }
    : (scripted ?? { text: `Echo: ${lastUserText(messages)}` });
  const input = estimateTokens(JSON.stringify(messages));
  const output = answer.usage?.output ?? estimateTokens(answer.text ?? '');
  const toolCalls = (answer.toolCalls ?? []).map((call) => ({
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments,
    },
  }));
  const base = { model: ex.body.model, created_at: new Date(0).toISOString() };
  const done = {
    ...base,
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: answer.finishReason === 'length' ? 'length' : 'stop',
    prompt_eval_count: answer.usage?.input ?? input,
    eval_count: output,
  };
  if (ex.body.stream === false) {
    const message = {
      role: 'assistant',
      content: answer.text ?? '',
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
    };
    return ex.sendJson(200, { ...done, message });
  }
  ex.res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const content of splitText(answer.text ?? '', answer.chunkSize ?? 4)) {
    await pause(answer.delayMs ?? 0, ex.res);
    if (!ex.write(`${JSON.stringify({ ...base, message: { role: 'assistant', content }, done: false })}\n`)) return;
  }
  if (isBrokenStream(scripted)) {
    if (scripted.broken === 'cut') cutAfterFlush(ex.res);
    if (scripted.broken === 'malformed-json') ex.write('{"message": {"content": \n');
    if (scripted.broken === 'error-event')
      ex.res.end(`${JSON.stringify({ error: 'an error was encountered while running the model' })}\n`);
    return;
  }
  if (toolCalls.length)
    ex.write(
      `${JSON.stringify({ ...base, message: { role: 'assistant', content: '', tool_calls: toolCalls }, done: false })}\n`,
    );
  ex.res.end(`${JSON.stringify(done)}\n`);
}
