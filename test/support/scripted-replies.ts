/**
 * What a test asks the local provider server to answer next. One queue serves every chat route
 * (OpenAI chat completions, Anthropic messages, Ollama chat), so the same script works whichever
 * wire protocol the code under test speaks.
 */

export interface ScriptedToolCall {
  /** Defaults to `call_<n>`. */
  id?: string;
  name: string;
  /** An object is serialised; a string is sent as written (to script invalid JSON arguments). */
  arguments: Record<string, unknown> | string;
}

/** A normal answer: text and/or tool calls, streamed when the request asks for it. */
export interface ScriptedAnswer {
  text?: string;
  /** A reasoning model's thinking, sent as `reasoning_content` before the answer (OpenAI-compatible only). */
  reasoning?: string;
  toolCalls?: ScriptedToolCall[];
  /** Defaults to an estimate from the characters of the prompt and the answer. */
  usage?: { input: number; output: number };
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** Characters per streamed text piece (default 4); tool-call arguments split the same way. */
  chunkSize?: number;
  /** Pause between streamed pieces, for cancellation tests (default 0). */
  delayMs?: number;
  /** Send the usage in the last stream chunk even when the request did not ask (default: as asked). */
  alwaysSendUsage?: boolean;
}

/** An error reply with the provider's own error body. */
export interface ScriptedError {
  error: {
    status: number;
    message?: string;
    /** OpenAI `error.type` / Anthropic `error.type`. */
    type?: string;
    /** OpenAI `error.code`, e.g. `context_length_exceeded`, `insufficient_quota`. */
    code?: string;
    /** Sent as the Retry-After header. */
    retryAfter?: string;
  };
}

/** A stream that goes wrong part-way through, after sending `text` (if any). */
export interface ScriptedBrokenStream {
  broken: 'malformed-json' | 'cut' | 'stall' | 'error-event';
  text?: string;
}

export type ScriptedReply = ScriptedAnswer | ScriptedError | ScriptedBrokenStream;

/** Which queue a scripted reply goes to. Embeddings, rerank and model lists only take errors. */
export type ScriptRoute = 'chat' | 'embeddings' | 'rerank' | 'models';

export function isScriptedError(reply: ScriptedReply | undefined): reply is ScriptedError {
  return !!reply && 'error' in reply;
}

export function isBrokenStream(reply: ScriptedReply | undefined): reply is ScriptedBrokenStream {
  return !!reply && 'broken' in reply;
}

/** A rough token count (≈4 characters a token, one per CJK character), as a provider would report. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const char of text) if (/[\u3400-\u9fff\uf900-\ufaff]/u.test(char)) cjk += 1;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

export function splitText(text: string, size: number): string[] {
  const pieces: string[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += Math.max(1, size)) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

export function toolArguments(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}
