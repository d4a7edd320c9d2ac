import { RunStatusSchema } from '@tailor/runtime';
import { TARGET_HELP, TARGET_OPTIONS } from '../../admin-client/open-target.js';
import { type CliCommand, EXIT, UsageError } from '../command.js';
import { withTarget } from './flow.js';

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'List recorded runs, newest first, filtered by flow and status',
  usage: 'tailor runs list [--flow <id>] [--status <status>] [--limit <n>] [--json]',
  details: `--status is one of ${RunStatusSchema.options.join(', ')}.

${TARGET_HELP}`,
  options: {
    flow: { type: 'string' },
    status: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    ...TARGET_OPTIONS,
  },
  async run({ positionals, values, io }) {
    if (positionals[0] !== 'list') throw new UsageError('use: tailor runs list [--flow <id>] [--status failed]');
    const status = values.status === undefined ? undefined : RunStatusSchema.safeParse(values.status);
    if (status && !status.success) throw new UsageError(`--status is one of ${RunStatusSchema.options.join(', ')}`);
    const limit = typeof values.limit === 'string' ? Number(values.limit) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit is a number from 1 to 500');
    return withTarget(values, io, async (target) => {
      const page = await target.listRuns({
        limit,
        ...(typeof values.flow === 'string' ? { flowId: values.flow } : {}),
        ...(status?.success ? { status: status.data } : {}),
      });
      if (values.json) {
        io.stdout.write(`${JSON.stringify(page.runs, null, 2)}\n`);
        return EXIT.ok;
      }
      if (page.runs.length === 0) io.stdout.write('No runs match.\n');
      for (const run of page.runs) {
        const duration = run.durationMs === undefined ? '' : `${Math.round(run.durationMs)} ms`;
        const error = run.error ? `  ${run.error.code}: ${run.error.message}` : '';
        io.stdout.write(
          `${run.id}  ${run.flowId.padEnd(20)} ${run.status.padEnd(12)} ${new Date(run.startedAt).toISOString()}  ${duration.padStart(9)}${error}\n`,
        );
      }
      return EXIT.ok;
    });
  },
};
