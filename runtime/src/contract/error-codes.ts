/**
 * Every error Tailor reports, in one table: a stable code for programs and a sentence an analyst
 * can act on. Node authors throw `new TailorError(code, detail)`; anything else thrown inside a node
 * becomes NODE_FAILED with the thrown message.
 */
export const ERROR_CODES = {
  // flow documents
  FLOW_INVALID: 'The flow document has problems; fix them before running it.',
  FLOW_UNSUPPORTED_SCHEMA: 'This flow was written for a Tailor version this installation does not know.',
  INPUT_INVALID: "The run inputs do not match what the flow's input node declares.",
  CONFIG_INVALID: "A node's settings are invalid once their references were filled in.",
  TEMPLATE_ERROR: 'A {{ }} reference or template could not be rendered.',
  // running
  NODE_FAILED: 'The node failed.',
  NODE_TIMEOUT: 'The node took longer than its time limit.',
  RUN_CANCELLED: 'The run was cancelled.',
  RUN_INTERRUPTED: 'The run was interrupted because the server or worker running it stopped; start it again.',
  SERVICE_MISSING: 'This node needs a service that this installation does not provide.',
  // code sandbox
  SANDBOX_TIMEOUT: 'The code ran longer than its time limit and was stopped.',
  SANDBOX_MEMORY: 'The code used more memory than its limit and was stopped.',
  SANDBOX_ERROR: 'The code threw an error.',
  SANDBOX_RESULT: 'The code returned something that is not plain JSON data, or too much of it.',
  // model providers
  PROVIDER_AUTH: 'The model provider refused the credential (check the API key).',
  PROVIDER_MODEL_NOT_FOUND: 'The model provider does not know this model.',
  PROVIDER_RATE_LIMITED: 'The model provider is rate limiting requests; try again later.',
  PROVIDER_CONTEXT_TOO_LONG: "The prompt is longer than the model's context window.",
  PROVIDER_UNAVAILABLE: 'The model provider could not be reached or is failing.',
  PROVIDER_BAD_RESPONSE: 'The model provider sent a reply that could not be understood.',
  PROVIDER_BAD_REQUEST: 'The model provider rejected the request.',
  CREDENTIAL_MISSING: 'The credential this node refers to does not exist.',
  PROVIDER_UNKNOWN: 'This model provider is not known; pick one of the presets or give a base URL.',
  PROVIDER_QUOTA_EXCEEDED: 'The model provider account has run out of quota or credit (retrying will not help).',
  PROVIDER_STREAM_INTERRUPTED: 'The model provider stopped sending its answer part-way through.',
  PROVIDER_CONTENT_FILTERED: "The model provider's content filter refused the prompt or the answer.",
  // model nodes
  MODEL_INVALID_JSON: 'The model was asked for JSON, but its answer is not valid JSON or does not fit the schema.',
  AGENT_STEP_LIMIT: 'The agent reached its step limit before giving an answer.',
  AGENT_TOKEN_BUDGET: 'The agent used up its token budget before giving an answer.',
  CLASSIFIER_NO_CLASS: 'The classifier could not tell which class the model picked, and it has no default class.',
  // tools
  HTTP_ADDRESS_REFUSED: 'The address is refused by the network guard (private or internal address).',
  HTTP_FAILED: 'The HTTP request failed.',
  HTTP_RESPONSE_TOO_LARGE: 'The HTTP response is larger than the allowed limit.',
  HTTP_TIMEOUT: 'The HTTP request took longer than its time limit.',
  HTTP_STATUS: 'The API answered with an error status.',
  HTTP_RESPONSE_PATH: 'The JSON path found nothing in the response, or the response is not JSON.',
  OPENAPI_INVALID: 'The OpenAPI document could not be read or is not a valid OpenAPI 3 document.',
  SEARCH_FAILED: 'The web search provider failed.',
  SEARCH_AUTH: 'The search provider refused the credential (check the API key).',
  SEARCH_RATE_LIMITED: 'The search provider is rate limiting requests or the quota is used up; try again later.',
  SEARCH_BAD_REQUEST: 'The search provider rejected the request (check the query and options).',
  SEARCH_UNAVAILABLE: 'The search provider could not be reached or is failing.',
  SEARCH_BAD_RESPONSE: 'The search provider sent a reply that could not be understood.',
  SAFETY_JUDGE_FAILED: 'The safety judge model gave no usable verdict, so the text was blocked.',
  SAFETY_WORDS_INVALID: 'The sensitive-word list could not be read.',
  // knowledge
  KNOWLEDGE_NOT_FOUND: 'The knowledge base does not exist.',
  KNOWLEDGE_PARSE_FAILED: 'The document could not be read.',
  KNOWLEDGE_EMBEDDING_MISMATCH:
    'The embedding model or dimension differs from the one this knowledge base was built with.',
  KNOWLEDGE_KEYWORD_ONLY:
    'This knowledge base has no embedding model, so it can only be searched by keyword; choose the keyword mode or set an embedding model.',
  KNOWLEDGE_DOCUMENT_NOT_FOUND: 'The knowledge base holds no document of this name.',
  // server (HTTP API)
  REQUEST_INVALID: 'The request is not valid; see the list of problems.',
  NOT_FOUND: 'Nothing exists at this address.',
  CONFLICT: 'The request conflicts with the current state (changed by someone else, or already exists).',
  AUTH_REQUIRED: 'Sign in first, or send a valid API key.',
  FORBIDDEN: 'This key or session may not do that.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the body as JSON (Content-Type: application/json).',
  RATE_LIMITED: 'Too many requests; wait a moment and try again.',
  FLOW_NOT_PUBLISHED: 'This flow has no published version yet; publish it first.',
  SERVER_ERROR: 'The server failed unexpectedly; the problem was logged.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error as a value: what crosses run events, run records and HTTP responses. */
export interface RunError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export class TailorError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, detail?: string, details?: unknown) {
    super(detail ? `${ERROR_CODES[code]} ${detail}` : ERROR_CODES[code]);
    this.name = 'TailorError';
    this.code = code;
    this.details = details;
  }

  toValue(): RunError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Turns anything thrown into an error value, without leaking host stacks. */
export function toRunError(thrown: unknown, fallbackCode: ErrorCode = 'NODE_FAILED'): RunError {
  if (thrown instanceof TailorError) return thrown.toValue();
  if (thrown instanceof Error) return { code: fallbackCode, message: thrown.message };
  return { code: fallbackCode, message: String(thrown) };
}
