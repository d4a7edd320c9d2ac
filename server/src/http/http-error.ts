import { ERROR_CODES, type ErrorCode, type ValidationProblem } from '@tailor/runtime';
import { z } from 'zod';

/** One thing wrong with a request: where (a path into the body or query) and what. */
export const RequestProblemSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
  nodeId: z.string().optional(),
  field: z.string().optional(),
});
export type RequestProblem = z.output<typeof RequestProblemSchema>;

/** The body of every error response. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), problems: z.array(RequestProblemSchema).optional() }),
});

/** An error as a value that becomes an HTTP response; messages never carry host details. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly problems: RequestProblem[] | undefined;

  constructor(status: number, code: ErrorCode, message?: string, problems?: RequestProblem[]) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.problems = problems;
  }

  toBody(): z.output<typeof ErrorBodySchema> {
    return { error: { code: this.code, message: this.message, ...(this.problems ? { problems: this.problems } : {}) } };
  }
}

export function notFoundError(what: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', `${what} does not exist.`);
}

export function fromZodError(error: z.ZodError, where: 'body' | 'query' | 'params'): HttpError {
  const problems = error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    message: `${where}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
  }));
  return new HttpError(400, 'REQUEST_INVALID', undefined, problems);
}

export function fromValidationProblems(problems: readonly ValidationProblem[]): HttpError {
  const errors = problems.filter((problem) => problem.severity !== 'warning');
  return new HttpError(
    400,
    'FLOW_INVALID',
    undefined,
    errors.map((problem) => ({
      path: problem.path,
      message: problem.message,
      code: problem.code,
      ...(problem.nodeId ? { nodeId: problem.nodeId } : {}),
      ...(problem.field ? { field: problem.field } : {}),
    })),
  );
}
