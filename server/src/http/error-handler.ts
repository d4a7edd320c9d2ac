import { type ErrorCode, TailorError } from '@tailor/runtime';
import type { ErrorRequestHandler } from 'express';
import { StoreError } from '../storage/store-errors.js';
import { HttpError } from './http-error.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Errors of the domain (knowledge bases, providers) as HTTP answers. */
const TAILOR_STATUS: Partial<Record<ErrorCode, number>> = {
  KNOWLEDGE_NOT_FOUND: 404,
  KNOWLEDGE_DOCUMENT_NOT_FOUND: 404,
  KNOWLEDGE_PARSE_FAILED: 400,
  KNOWLEDGE_KEYWORD_ONLY: 400,
  KNOWLEDGE_EMBEDDING_MISMATCH: 409,
  CONFIG_INVALID: 400,
  CREDENTIAL_MISSING: 400,
  PROVIDER_AUTH: 502,
  PROVIDER_MODEL_NOT_FOUND: 502,
  PROVIDER_RATE_LIMITED: 503,
  PROVIDER_UNAVAILABLE: 502,
  PROVIDER_BAD_RESPONSE: 502,
  PROVIDER_BAD_REQUEST: 502,
};

function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof TailorError) {
    const status = TAILOR_STATUS[error.code];
    return status ? new HttpError(status, error.code, error.message) : undefined;
  }
  if (error instanceof StoreError) {
    return error.kind === 'conflict'
      ? new HttpError(409, 'CONFLICT', error.message)
      : new HttpError(404, 'NOT_FOUND', error.message);
  }
  const parser = error as BodyParserError;
  if (parser?.type === 'entity.too.large') return new HttpError(413, 'PAYLOAD_TOO_LARGE');
  if (parser?.type === 'entity.parse.failed') {
    return new HttpError(400, 'REQUEST_INVALID', 'The body is not valid JSON.', [
      { path: [], message: 'body: not valid JSON' },
    ]);
  }
  if (parser?.type === 'charset.unsupported' || parser?.type === 'encoding.unsupported') {
    return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  return undefined;
}

/** Every failure becomes `{ error: { code, message, problems? } }`; never a stack trace. */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toHttpError(error);
    const reply = known ?? new HttpError(500, 'SERVER_ERROR');
    if (!known) log(`${req.method} ${req.path} failed`, error);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(reply.status).json(reply.toBody());
  };
}
