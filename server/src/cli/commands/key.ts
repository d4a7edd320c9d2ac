import { TARGET_HELP, TARGET_OPTIONS } from '../../admin-client/open-target.js';
import { type CliCommand, EXIT, UsageError } from '../command.js';
import { withTarget } from './flow.js';

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

export const keyCommand: CliCommand = {
  name: 'key',
  summary: 'Create an API key for a published flow (or an admin token for scripts)',
  usage: 'tailor key create --flow <id> [--origin <url>…] [--label <text>] | tailor key create --admin',
  details: `tailor key create --flow <id>   prints a new API key for the flow's published endpoints, once
  --origin <url>   a website allowed to call with the key from the browser (repeatable)
  --label <text>   a name to recognise the key by
tailor key create                 (no --flow) a key that may run every published flow
tailor key create --admin         an admin token for "--server … --token …" and scripts

${TARGET_HELP}`,
  options: {
    flow: { type: 'string' },
    origin: { type: 'string', multiple: true },
    label: { type: 'string' },
    admin: { type: 'boolean' },
    ...TARGET_OPTIONS,
  },
  async run({ positionals, values, io }) {
    if (positionals[0] !== 'create') throw new UsageError('use: tailor key create --flow <id>');
    return withTarget(values, io, async (target) => {
      if (values.admin) {
        io.stdout.write(`${await target.createAdminToken()}\n`);
        io.stderr.write('This admin token is shown once; keep it like a password.\n');
        return EXIT.ok;
      }
      const flowId = typeof values.flow === 'string' ? values.flow : undefined;
      const label = typeof values.label === 'string' ? values.label : undefined;
      const created = await target.createKey({
        ...(flowId ? { flowId } : {}),
        origins: strings(values.origin),
        ...(label ? { label } : {}),
      });
      io.stdout.write(`${created.key}\n`);
      io.stderr.write(
        `API key for ${flowId ? `flow "${flowId}"` : 'every published flow'}; shown once, keep it secret.\n`,
      );
      return EXIT.ok;
    });
  },
};
