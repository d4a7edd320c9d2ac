import { type CliCommand, EXIT } from '../command.js';
import { countProblems, formatProblem, loadFlowFile } from '../flow-file.js';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a flow file and print every problem, or "valid"',
  usage: 'tailor validate <flow.json> [--json]',
  details: `Reads the flow, brings older formats up to date, and checks it against the installed node
types: node types and settings, ids, edges and ports, cycles, and every {{ }} reference.

Prints one line per problem, "path: what is wrong", or "valid".
Exit status: 0 valid (warnings allowed), 2 invalid or unreadable.

Options:
  --json   print { "valid", "problems" } as JSON instead`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io }) {
    const result = await loadFlowFile(positionals[0], io.cwd);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ valid: result.valid, problems: result.problems }, null, 2)}\n`);
      return result.valid ? EXIT.ok : EXIT.invalid;
    }
    for (const problem of result.problems) io.stdout.write(formatProblem(problem));
    if (result.valid) {
      io.stdout.write('valid\n');
      return EXIT.ok;
    }
    io.stderr.write(`The flow has ${countProblems(result.problems)}; fix them before running it.\n`);
    return EXIT.invalid;
  },
};
