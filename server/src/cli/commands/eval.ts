import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { catalogue, ModelProvidersService } from '@tailor/nodes';
import type { FlowDocument, ServiceRegistry } from '@tailor/runtime';
import { TARGET_HELP, TARGET_OPTIONS } from '../../admin-client/open-target.js';
import { composeServices } from '../../compose/services.js';
import { buildScorers, checkItems, ScorerSetupError } from '../../evaluation/build-scorers.js';
import { type DatasetItem, parseDataset } from '../../evaluation/dataset.js';
import { formatReport } from '../../evaluation/format-report.js';
import { buildReport } from '../../evaluation/report.js';
import { runDataset } from '../../evaluation/run-dataset.js';
import { defaultScorerNames, type Scorer } from '../../evaluation/scorers.js';
import { type CliCommand, type CliIo, EXIT, type OptionValues, UsageError } from '../command.js';
import { countProblems, formatProblem, loadFlowFile, readTextFile } from '../flow-file.js';
import { type EvalOptions, evaluateOnServer, loadStoredFlow, type StoredFlowChoice } from './eval-stored-flow.js';

const details = `Runs the flow once per dataset item and scores each output.

The flow is a flow file, or the id of a stored flow: its published version (or --version) from
the local data directory, or from a running server with --server and --token (the server runs
the items as recorded runs and keeps the evaluation; see docs/evaluation.md).

Dataset: JSON Lines, one {"inputs": {...}, "expected": <value>, "facts": ["...", ...], "id": "..."}
per line, or CSV with a header row (columns expected, facts as "a | b" or a JSON list, id; every
other column is an input). With a stored flow it may also be the id or name of a stored dataset.

Options:
  --scorer <name>        exact, contains, regex, json, facts, retrieval, judge, similarity
                         (repeatable); default: exact for items with "expected", facts for items
                         with "facts", retrieval for items with "sources"
  --field <path>         score this field of the output, e.g. answer or minutes.summary
  --json-field <path>    for the json scorer: a field that must equal the expected one (repeatable)
  --judge <provider/model>  the model of the judge scorer, e.g. openai/gpt-4o-mini
  --rubric <text>        what the judge checks (default: correct, complete, nothing invented)
  --embed <provider/model>  the embedding model of the similarity scorer, e.g. openai/text-embedding-3-small
  --similarity <0..1>    the cosine similarity the similarity scorer needs (default 0.8)
  --threshold <0..1>     the share of items that must pass (default 0.8)
  --concurrency <n>      items running at once (1-32, default 4; at most 16 with --server)
  --version <n|draft|published>  with a stored flow: which version (default published)
  --json                 print the report as JSON
  --credentials <file>   as for tailor run

${TARGET_HELP}

An item passes when its run succeeds and every scorer that applies passes. Latency and tokens
(with cost, when prices are known) are reported per item and in total.

Exit status: 0 at or above the threshold, 1 below it (or the evaluation failed), 2 bad flow,
dataset or options.`;

/** A share from 0 to 1 (`--threshold`, `--similarity`), 0.8 when absent. */
function readShare(value: unknown, flag: string): number {
  if (value === undefined) return 0.8;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) {
    throw new UsageError(`${flag} must be a number from 0 to 1, e.g. 0.8 (it is "${String(value)}").`);
  }
  return number;
}

function readEvalConcurrency(value: unknown): number {
  if (value === undefined) return 4;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 32) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 32 (it is "${String(value)}").`);
  }
  return number;
}

function readVersion(value: unknown): StoredFlowChoice {
  if (value === undefined || value === 'published') return 'published';
  if (value === 'draft') return 'draft';
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(`--version is a version number, draft or published (it is "${String(value)}").`);
  }
  return number;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A flow file names a file that exists, or ends in .json; anything else is a stored flow's id. */
async function isFlowFile(argument: string, cwd: string): Promise<boolean> {
  if (argument === '-' || argument.toLowerCase().endsWith('.json')) return true;
  return stat(resolve(cwd, argument)).then(
    (found) => found.isFile(),
    () => false,
  );
}

function readOptions(values: OptionValues): EvalOptions {
  const similarity = values.similarity === undefined ? undefined : readShare(values.similarity, '--similarity');
  return {
    threshold: readShare(values.threshold, '--threshold'),
    concurrency: readEvalConcurrency(values.concurrency),
    scorers: list(values.scorer),
    jsonFields: list(values['json-field']),
    ...(text(values.field) ? { field: text(values.field) } : {}),
    ...(text(values.judge) ? { judge: text(values.judge) } : {}),
    ...(text(values.rubric) ? { rubric: text(values.rubric) } : {}),
    ...(text(values.embed) ? { embed: text(values.embed) } : {}),
    ...(similarity !== undefined ? { similarity } : {}),
    json: values.json === true,
  };
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Score a flow (file or stored flow id) over a dataset (JSONL or CSV); exit 1 below the threshold',
  usage:
    'tailor eval <flow.json | flow id> <dataset.jsonl|csv | dataset id> [--scorer <name>]… [--threshold 0.8] [--version n|draft] [--server <url> --token <ta_…>] [--json]',
  details,
  options: {
    scorer: { type: 'string', multiple: true, short: 's' },
    field: { type: 'string' },
    'json-field': { type: 'string', multiple: true },
    threshold: { type: 'string' },
    concurrency: { type: 'string' },
    json: { type: 'boolean' },
    credentials: { type: 'string' },
    judge: { type: 'string' },
    rubric: { type: 'string' },
    embed: { type: 'string' },
    similarity: { type: 'string' },
    version: { type: 'string' },
    ...TARGET_OPTIONS,
  },
  async run({ positionals, values, io }) {
    const [flowArgument, datasetArgument] = positionals;
    if (!flowArgument || !datasetArgument)
      throw new UsageError(
        'Name the flow (a file or a stored flow id) and the dataset, e.g. tailor eval flow.json cases.jsonl',
      );
    const options = readOptions(values);
    const server = text(values.server) ?? io.env.TAILOR_SERVER;
    const fileFlow = await isFlowFile(flowArgument, io.cwd);
    if (!fileFlow && server) {
      const token = text(values.token) ?? io.env.TAILOR_TOKEN;
      if (!token) throw new UsageError('--server needs an admin token: --token ta_… or TAILOR_TOKEN.');
      return evaluateOnServer(
        { server, token },
        flowArgument,
        readVersion(values.version),
        datasetArgument,
        options,
        io,
      );
    }
    if (fileFlow && values.version !== undefined) throw new UsageError('--version is for a stored flow, not a file.');
    if (fileFlow && text(values.server))
      throw new UsageError(
        '--server evaluates a flow stored there: push the file first (tailor flow push), then name its id.',
      );
    const dataDir = resolve(io.cwd, text(values['data-dir']) ?? (io.env.TAILOR_DATA_DIR || './data'));
    const source = fileFlow
      ? await flowFromFile(flowArgument, datasetArgument, io)
      : await loadStoredFlow(flowArgument, readVersion(values.version), datasetArgument, dataDir, io);
    if (typeof source === 'number') return source;
    return evaluateHere(source.document, source.items, source.datasetName, options, values.credentials, dataDir, io);
  },
};

interface LoadedSource {
  document: FlowDocument;
  items: DatasetItem[];
  /** For messages: the file name or the stored dataset's name. */
  datasetName: string;
}

async function flowFromFile(flowPath: string, datasetPath: string, io: CliIo): Promise<LoadedSource | number> {
  const loaded = await loadFlowFile(flowPath, io);
  if (!loaded.valid || !loaded.document) {
    for (const problem of loaded.problems) io.stderr.write(formatProblem(problem));
    io.stderr.write(`The flow has ${countProblems(loaded.problems)}; nothing was evaluated.\n`);
    return EXIT.invalid;
  }
  const dataset = parseDataset(await readTextFile(datasetPath, io.cwd, 'dataset'), datasetPath);
  if (!dataset.ok) {
    for (const problem of dataset.problems) io.stderr.write(`${datasetPath}: ${problem}\n`);
    return EXIT.invalid;
  }
  return { document: loaded.document, items: dataset.items, datasetName: datasetPath };
}

/** Runs the items in this process with the host's services, and prints the report. */
async function evaluateHere(
  document: FlowDocument,
  items: DatasetItem[],
  datasetName: string,
  options: EvalOptions,
  credentials: unknown,
  dataDir: string,
  io: CliIo,
): Promise<number> {
  const names = options.scorers.length ? options.scorers : defaultScorerNames(items);
  if (!names.length) {
    io.stderr.write(`${datasetName}: no item has "expected", "facts" or "sources", so there is nothing to score.\n`);
    return EXIT.invalid;
  }
  // Model-backed scorers reach their models through the services composed below, once items are scored.
  let services: ServiceRegistry | undefined;
  const scorers = cliScorers(names, options, () => services);
  const itemProblems = checkItems(scorers, items);
  if (itemProblems.length) {
    for (const problem of itemProblems) io.stderr.write(`${datasetName}: ${problem}\n`);
    return EXIT.invalid;
  }
  const composed = await composeFor(credentials, dataDir, io);
  services = composed.services;
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort('Cancelled with Ctrl-C.'));
  try {
    const total = items.length;
    const results = await runDataset(document, items, {
      catalogue,
      services: composed.services,
      scorers,
      concurrency: options.concurrency,
      signal: controller.signal,
      ...(options.field ? { field: options.field } : {}),
      onItem: (result, done) => io.stderr.write(`[${done}/${total}] line ${result.line} ${result.status}\n`),
    });
    const report = buildReport(results, options.threshold);
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.summary.passedThreshold ? EXIT.ok : EXIT.failed;
  } finally {
    stopListening();
    await composed.close();
  }
}

/** The scorers named, the judge and similarity ones with their models; wrong options are usage errors. */
function cliScorers(
  names: readonly string[],
  options: EvalOptions,
  services: () => ServiceRegistry | undefined,
): Scorer[] {
  try {
    return buildScorers(
      names,
      options,
      () => services()?.get(ModelProvidersService),
      (name) => `--${name}`,
    );
  } catch (thrown) {
    if (thrown instanceof ScorerSetupError) throw new UsageError(thrown.message);
    throw thrown;
  }
}

/** The services of `tailor run`; a bad credentials file or setting is the caller's to fix (exit 2). */
async function composeFor(credentials: unknown, dataDir: string, io: CliIo) {
  const credentialsFile =
    typeof credentials === 'string'
      ? { name: credentials, text: await readTextFile(credentials, io.cwd, 'credentials file') }
      : undefined;
  try {
    return await composeServices({
      env: io.env,
      dataDir,
      ...(credentialsFile ? { credentialsFile } : {}),
    });
  } catch (thrown) {
    throw new UsageError(thrown instanceof Error ? thrown.message : String(thrown));
  }
}
