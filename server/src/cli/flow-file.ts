import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { formatProblemPath, loadFlow, type ValidationProblem, type ValidationResult } from '@tailor/runtime';
import { UsageError } from './command.js';

/** Reads a file named on the command line, relative to where tailor was started. */
export async function readTextFile(path: string, cwd: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (thrown as Error).message;
    throw new UsageError(`Cannot read the ${what} "${path}": ${reason}.`);
  }
}

/** All of stdin as text (`-` in place of a file name). */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads (`-` reads stdin), migrates and validates a flow against the installed node catalogue. */
export async function loadFlowFile(
  path: string | undefined,
  io: { cwd: string; stdin: NodeJS.ReadableStream },
): Promise<ValidationResult> {
  if (!path) throw new UsageError('Name the flow file, e.g. "flows/faq-bot.json" ("-" reads stdin).');
  const text = path === '-' ? await readStdin(io.stdin) : await readTextFile(path, io.cwd, 'flow file');
  return loadFlow(text, catalogue);
}

/** `nodes[2].config.topK: Node "kb" (retrieval): …`, one line per problem. */
export function formatProblem(problem: ValidationProblem): string {
  const where = problem.path.length ? formatProblemPath(problem.path) : '(flow)';
  return `${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}\n`;
}

/** `2 problems` / `1 problem and 1 warning`. */
export function countProblems(problems: readonly ValidationProblem[]): string {
  const errors = problems.filter((p) => p.severity !== 'warning').length;
  const warnings = problems.length - errors;
  const parts = [];
  if (errors) parts.push(`${errors} problem${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(' and ');
}
