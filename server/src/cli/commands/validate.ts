import type { ValidationResult } from '@tailor/runtime';
import { type CliCommand, type CliIo, EXIT, UsageError } from '../command.js';
import { countProblems, formatProblem, loadFlowFile } from '../flow-file.js';

function report(result: ValidationResult, prefix: string, io: CliIo): void {
  for (const problem of result.problems) io.stdout.write(`${prefix}${formatProblem(problem)}`);
  if (result.valid) io.stdout.write(`${prefix}valid\n`);
  else {
    const summary = `${prefix ? 'the' : 'The'} flow has ${countProblems(result.problems)}; fix them before running it.`;
    io.stderr.write(`${prefix}${summary}\n`);
  }
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check flow files and print every problem, or "valid"',
  usage: 'tailor validate <flow.json> [more.json …] [--json]',
  details: `Reads each flow, brings older formats up to date, and checks it against the installed node
types: node types and settings, ids, edges and ports, cycles, and every {{ }} reference.

Prints one line per problem, "path: what is wrong", or "valid". With several files, each line
starts with the file name. "-" reads a flow from stdin.
Exit status: 0 every flow valid (warnings allowed), 2 a flow is invalid or unreadable.

Options:
  --json   print { "valid", "problems" } as JSON instead (a list of { "file", … } for several files)`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    if (positionals.length === 0) throw new UsageError('Name the flow file, e.g. "flows/faq-bot.json".');
    const results: Array<{ file: string; result: ValidationResult }> = [];
    for (const file of positionals) results.push({ file, result: await loadFlowFile(file, io) });
    const allValid = results.every(({ result }) => result.valid);
    if (values.json) {
      const shown = results.map(({ file, result }) => ({ file, valid: result.valid, problems: result.problems }));
      const body = shown.length === 1 ? { valid: shown[0]?.valid, problems: shown[0]?.problems } : shown;
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else {
      for (const { file, result } of results) report(result, results.length > 1 ? `${file}: ` : '', io);
    }
    return allValid ? EXIT.ok : EXIT.invalid;
  },
};
