import { locateJsonError } from '@tailor/runtime';
import { UsageError } from './command.js';
import { readStdin, readTextFile } from './flow-file.js';

function parseInputs(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    const detail = where ? `line ${where.line}, column ${where.column}: ${where.reason}` : 'it cannot be read';
    throw new UsageError(
      `${source} is not valid JSON (${detail}). Example: --input '{"question": "Where is my order?"}'`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${source} must be a JSON object of input names and values, e.g. '{"question": "Hi"}'.`);
  }
  return value as Record<string, unknown>;
}

/** The run's inputs from `--input '<json>'` or `--input-file <file>` (`-` reads stdin); `{}` when neither. */
export async function readRunInputs(
  values: { input?: string; 'input-file'?: string },
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<Record<string, unknown>> {
  const { input, 'input-file': inputFile } = values;
  if (input !== undefined && inputFile !== undefined) throw new UsageError('Give --input or --input-file, not both.');
  if (input !== undefined) return parseInputs(input, '--input');
  if (inputFile === undefined) return {};
  const text = inputFile === '-' ? await readStdin(stdin) : await readTextFile(inputFile, cwd, 'input file');
  return parseInputs(text, inputFile === '-' ? 'The input on stdin' : `The input file "${inputFile}"`);
}

/** `--concurrency N`: a whole number from 1 to 64, like the flow's own setting. */
export function readConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64 (it is "${value}").`);
  }
  return number;
}
