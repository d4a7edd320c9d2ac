import { resolve } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { type FlowDocument, type RunEvent, runFlow } from '@tailor/runtime';
import { composeServices } from '../../compose/services.js';
import { type CliCommand, type CliIo, EXIT, UsageError } from '../command.js';
import { countProblems, formatProblem, loadFlowFile, readTextFile } from '../flow-file.js';
import { readConcurrency, readRunInputs } from '../run-inputs.js';
import { paletteFor, RunProgress } from '../run-progress.js';

const details = `Validates the flow first (exit 2 with every problem), then runs it.
Progress goes to stderr, one line per node as it ends, is skipped or fails; the flow's output is
printed to stdout as JSON. Ctrl-C cancels the run cleanly.

Options:
  --input <json>          the inputs as a JSON object, e.g. --input '{"question": "Hi"}'
  --input-file <file>     read the inputs from a JSON file ("-" reads stdin)
  --events                print every run event as one JSON line on stdout instead of the output
  --stream                print streamed text (a model's answer) on stdout as it is written,
                          instead of the output as JSON
  --concurrency <n>       nodes running at once (1-64; default the flow's setting, else 8)
  --credentials <file>    a JSON list of credentials [{"id", "apiKey", "baseUrl", ...}];
                          OPENAI_API_KEY, ANTHROPIC_API_KEY, DEEPSEEK_API_KEY ... are read too
  --session <id>          the chat session id, for flows that keep conversation memory

Knowledge bases are read from TAILOR_DATA_DIR (default ./data), where "tailor kb add" puts them.
TAILOR_ALLOW_HOSTS lists internal hosts HTTP tools may reach (comma-separated).

Exit status: 0 succeeded, 1 failed or cancelled, 2 invalid flow or inputs.`;

function flowTypes(document: FlowDocument): Map<string, string> {
  return new Map(document.nodes.map((node) => [node.id, node.type]));
}

/** The services nodes need; a bad credentials file or setting is the caller's to fix (exit 2). */
async function composeFor(path: string | undefined, io: CliIo) {
  const credentialsFile = path ? { name: path, text: await readTextFile(path, io.cwd, 'credentials file') } : undefined;
  try {
    return await composeServices({
      env: io.env,
      dataDir: resolve(io.cwd, io.env.TAILOR_DATA_DIR || './data'),
      ...(credentialsFile ? { credentialsFile } : {}),
    });
  } catch (thrown) {
    throw new UsageError(thrown instanceof Error ? thrown.message : String(thrown));
  }
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a flow file with inputs and print its output',
  usage: "tailor run <flow.json> [--input '<json>' | --input-file <file>] [--events] [--concurrency <n>]",
  details,
  options: {
    input: { type: 'string', short: 'i' },
    'input-file': { type: 'string' },
    events: { type: 'boolean' },
    stream: { type: 'boolean' },
    concurrency: { type: 'string' },
    credentials: { type: 'string' },
    session: { type: 'string' },
  },
  async run({ positionals, values, io }) {
    if (positionals[0] === '-' && values['input-file'] === '-') {
      throw new UsageError('Only one of the flow and the inputs can come from stdin.');
    }
    const loaded = await loadFlowFile(positionals[0], io);
    if (!loaded.valid || !loaded.document) {
      for (const problem of loaded.problems) io.stderr.write(formatProblem(problem));
      io.stderr.write(`The flow has ${countProblems(loaded.problems)}; it was not run.\n`);
      return EXIT.invalid;
    }
    for (const problem of loaded.problems) io.stderr.write(formatProblem(problem));
    const inputs = await readRunInputs(values as { input?: string; 'input-file'?: string }, io.cwd, io.stdin);
    const concurrency = readConcurrency(values.concurrency as string | undefined);
    const composed = await composeFor(values.credentials as string | undefined, io);
    try {
      return await execute(loaded.document, inputs, {
        io,
        events: values.events === true,
        stream: values.stream === true && values.events !== true,
        services: composed.services,
        ...(concurrency === undefined ? {} : { concurrency }),
        ...(typeof values.session === 'string' ? { sessionId: values.session } : {}),
      });
    } finally {
      await composed.close();
    }
  },
};

interface ExecuteOptions {
  io: CliIo;
  events: boolean;
  /** Text deltas of the flow's own nodes go to stdout as they come; no JSON output at the end. */
  stream: boolean;
  services: Awaited<ReturnType<typeof composeServices>>['services'];
  concurrency?: number;
  sessionId?: string;
}

/**
 * Where each event goes: a progress line on stderr; with --events the event itself on stdout; with
 * --stream the text the flow's own nodes stream, each node's text ending its line when it ends.
 */
function eventPrinter(options: ExecuteOptions, progress: RunProgress) {
  const { io } = options;
  let openLine: string | undefined;
  const closeLine = (): void => {
    if (openLine) io.stdout.write('\n');
    openLine = undefined;
  };
  return {
    onEvent(event: RunEvent): void {
      const own = !('scope' in event) || !event.scope?.length;
      if (options.stream && own && event.type === 'node.delta' && event.text) {
        io.stdout.write(event.text);
        openLine = event.text.endsWith('\n') ? undefined : event.nodeId;
      }
      if (own && (event.type === 'node.end' || event.type === 'node.error') && event.nodeId === openLine) closeLine();
      const line = progress.line(event);
      if (line) io.stderr.write(line);
      if (options.events) io.stdout.write(`${JSON.stringify(event)}\n`);
    },
    finish: closeLine,
  };
}

async function execute(
  document: FlowDocument,
  inputs: Record<string, unknown>,
  options: ExecuteOptions,
): Promise<number> {
  const { io } = options;
  const progress = new RunProgress(paletteFor(io.stderr.isTTY, io.env), flowTypes(document));
  const printer = eventPrinter(options, progress);
  const controller = new AbortController();
  let interrupts = 0;
  const stopListening = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write('Cancelling the run… (press Ctrl-C again to quit at once)\n');
      controller.abort('Cancelled with Ctrl-C.');
    } else {
      process.exit(130);
    }
  });
  try {
    const handle = runFlow(document, inputs, {
      catalogue,
      services: options.services,
      signal: controller.signal,
      onEvent: printer.onEvent,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
    });
    const result = await handle.result;
    printer.finish();
    if (!options.stream && !options.events && result.status === 'succeeded') {
      io.stdout.write(`${JSON.stringify(result.output ?? null, null, 2)}\n`);
    }
    return result.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    stopListening();
  }
}
