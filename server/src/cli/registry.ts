import { type CommandEntry, lazyCommand } from './command.js';

/**
 * Every `tailor` command, in the order `tailor help` lists them: name, summary, and the module to
 * load when it runs (so `tailor validate` never imports what `tailor serve` needs). Add a command
 * with one entry.
 */
export const commands: readonly CommandEntry[] = [
  lazyCommand(
    'run',
    'Run a flow file with inputs and print its output',
    async () => (await import('./commands/run.js')).runCommand,
  ),
  lazyCommand(
    'validate',
    'Check flow files and print every problem, or "valid"',
    async () => (await import('./commands/validate.js')).validateCommand,
  ),
  lazyCommand(
    'kb',
    'Add, remove, list and search documents of knowledge bases',
    async () => (await import('./commands/kb.js')).kbCommand,
  ),
  lazyCommand(
    'serve',
    'Start the server: editor, HTTP API, published endpoints and live run events',
    async () => (await import('./commands/serve.js')).serveCommand,
  ),
  lazyCommand(
    'worker',
    'Run flows for the servers of a scaled-out installation (BullMQ on Redis)',
    async () => (await import('./commands/worker.js')).workerCommand,
  ),
  lazyCommand(
    'flow',
    'Flows as code: push flow files to an installation, list its flows',
    async () => (await import('./commands/flow.js')).flowCommand,
  ),
  lazyCommand(
    'key',
    'Create an API key for a published flow (or an admin token for scripts)',
    async () => (await import('./commands/key.js')).keyCommand,
  ),
  lazyCommand(
    'runs',
    'List recorded runs, newest first, filtered by flow and status',
    async () => (await import('./commands/runs.js')).runsCommand,
  ),
  lazyCommand(
    'schema',
    "Print the flow files' JSON Schema with this installation's node types",
    async () => (await import('./commands/schema.js')).schemaCommand,
  ),
  lazyCommand(
    'new',
    'Start a flow from a template (lists the templates without a name)',
    async () => (await import('./commands/new.js')).newCommand,
  ),
  lazyCommand(
    'eval',
    'Score a flow (file or stored flow id) over a dataset (JSONL or CSV); exit 1 below the threshold',
    async () => (await import('./commands/eval.js')).evalCommand,
  ),
  lazyCommand(
    'help',
    'Show the commands, or the options of one command',
    async () => (await import('./commands/help.js')).helpCommand,
  ),
];
