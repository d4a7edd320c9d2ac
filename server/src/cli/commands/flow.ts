import { type AdminTarget, TargetRefusal } from '../../admin-client/admin-target.js';
import { openTarget, TARGET_HELP, TARGET_OPTIONS } from '../../admin-client/open-target.js';
import { type CliCommand, type CliIo, EXIT, type OptionValues, UsageError } from '../command.js';
import { formatProblem, readTextFile } from '../flow-file.js';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export async function withTarget(
  values: OptionValues,
  io: CliIo,
  act: (target: AdminTarget) => Promise<number>,
): Promise<number> {
  const target = await openTarget(
    {
      ...(text(values.server) ? { server: text(values.server) } : {}),
      ...(text(values.token) ? { token: text(values.token) } : {}),
      ...(text(values['data-dir']) ? { dataDir: text(values['data-dir']) } : {}),
    },
    io.env,
    io.cwd,
  );
  try {
    return await act(target);
  } catch (thrown) {
    if (!(thrown instanceof TargetRefusal)) throw thrown;
    for (const problem of thrown.problems) io.stderr.write(formatProblem(problem));
    io.stderr.write(`${thrown.message}\n`);
    return EXIT.invalid;
  } finally {
    await target.close();
  }
}

async function push(positionals: readonly string[], values: OptionValues, io: CliIo): Promise<number> {
  const file = positionals[1];
  if (!file) throw new UsageError('name the flow file to push');
  const source = await readTextFile(file, io.cwd, 'flow file');
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (thrown) {
    throw new UsageError(`${file} is not valid JSON: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  }
  return withTarget(values, io, async (target) => {
    const result = await target.pushFlow(document, values.publish === true, text(values.note) ?? `pushed from ${file}`);
    for (const problem of result.problems) io.stderr.write(formatProblem(problem));
    const action = result.created ? 'created' : 'updated';
    const published = result.version === undefined ? '' : `, published as version ${result.version}`;
    io.stdout.write(`${result.flowId}: ${action} (revision ${result.revision})${published} on ${target.description}\n`);
    return EXIT.ok;
  });
}

async function list(values: OptionValues, io: CliIo): Promise<number> {
  return withTarget(values, io, async (target) => {
    const flows = await target.listFlows();
    if (values.json) {
      io.stdout.write(`${JSON.stringify(flows, null, 2)}\n`);
      return EXIT.ok;
    }
    if (flows.length === 0) io.stdout.write(`No flows on ${target.description} yet: tailor flow push <file.json>\n`);
    for (const flow of flows) {
      const published = flow.publishedVersion === null ? 'draft only' : `published v${flow.publishedVersion}`;
      io.stdout.write(
        `${flow.id.padEnd(24)} ${flow.name.padEnd(32)} ${published.padEnd(16)} ${new Date(flow.updatedAt).toISOString()}\n`,
      );
    }
    return EXIT.ok;
  });
}

export const flowCommand: CliCommand = {
  name: 'flow',
  summary: 'Flows as code: push flow files to an installation, list its flows',
  usage:
    'tailor flow push <file.json> [--publish] [--note <text>] | tailor flow list [--json]  [--server <url> --token <ta_…>]',
  details: `tailor flow push <file.json>   creates the flow, or replaces its draft when it exists
  --publish      also publishes the draft as the next version (refused while it has problems,
                 or while the flow's evaluation gate is not met: see docs/evaluation.md)
  --note <text>  the version note
tailor flow list                 every flow with its published version

${TARGET_HELP}

Exit status: 0 done, 2 bad usage or a flow with problems, 1 anything else.`,
  options: { publish: { type: 'boolean' }, note: { type: 'string' }, json: { type: 'boolean' }, ...TARGET_OPTIONS },
  async run({ positionals, values, io }) {
    const action = positionals[0];
    if (action === 'push') return push(positionals, values, io);
    if (action === 'list') return list(values, io);
    throw new UsageError(action ? `there is no "flow ${action}"; use push or list` : 'say what to do: push or list');
  },
};
