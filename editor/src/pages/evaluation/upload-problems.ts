import { ApiError } from '../../api/client.js';

/** One thing wrong with an uploaded dataset, with the line of the file it is on when known. */
export interface UploadProblem {
  line?: number;
  message: string;
}

const LINE = /^\s*(?:[^:]*:\s*)?line (\d+)\s*[:,-]?\s*/i;

/** `line 3: not JSON` → line 3 and the rest; a sentence without a line stays whole. */
export function splitLine(text: string): UploadProblem {
  const match = LINE.exec(text);
  if (!match?.[1]) return { message: text.trim() };
  return { line: Number(match[1]), message: text.slice(match[0].length).trim() || text.trim() };
}

function fromProblem(problem: unknown): UploadProblem | undefined {
  if (typeof problem === 'string') return splitLine(problem);
  if (typeof problem !== 'object' || problem === null) return undefined;
  const { line, path, message } = problem as { line?: unknown; path?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  // The server marks a line as `line: 3` or in the problem's path, `['line', 3]`.
  const at = typeof line === 'number' ? line : Array.isArray(path) && path[0] === 'line' ? path[1] : undefined;
  if (typeof at === 'number' && Number.isInteger(at)) return { line: at, message: splitLine(message).message };
  return splitLine(message);
}

/**
 * The problems of a refused upload, one per line of the file, in line order. The server sends them
 * as `problems` (texts like `line 2: …`, or objects with a message and the line as `line` or in `path: ['line', 2]`); an older answer has only a
 * message, whose sentences are split at line mentions.
 */
export function uploadProblems(error: unknown): UploadProblem[] {
  if (error instanceof ApiError && Array.isArray(error.problems)) {
    const listed = error.problems.map(fromProblem).filter((p): p is UploadProblem => p !== undefined);
    if (listed.length) return sortByLine(listed);
  }
  const message = error instanceof Error ? error.message : String(error);
  const parts = message
    .split(/\n|;\s+(?=(?:[^:;]*:\s*)?line \d+)/i)
    .map((part) => part.trim())
    .filter(Boolean);
  return sortByLine(parts.map(splitLine));
}

function sortByLine(problems: UploadProblem[]): UploadProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? 0) - (b.problem.line ?? 0) || a.index - b.index)
    .map(({ problem }) => problem);
}
