import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { type FlowDocument, loadFlow } from '@tailor/runtime';
import { adminHttp } from '../../admin-client/admin-http.js';
import { readConfig } from '../../config.js';
import type { ScorerSetup } from '../../evaluation/build-scorers.js';
import { type DatasetItem, parseDataset } from '../../evaluation/dataset.js';
import { formatReport } from '../../evaluation/format-report.js';
import type { EvaluationReport } from '../../evaluation/report.js';
import { itemsForScoring, itemsForStorage } from '../../evaluation/stored-dataset.js';
import type { Dataset, DatasetSummary } from '../../storage/dataset-store.js';
import type { StoredEvaluation } from '../../storage/evaluation-store.js';
import { openStorage } from '../../storage/open-storage.js';
import type { Storage } from '../../storage/storage.js';
import { type CliIo, EXIT, UsageError } from '../command.js';
import { formatProblem, readTextFile } from '../flow-file.js';

export type StoredFlowChoice = number | 'draft' | 'published';

/** The options of `tailor eval`, read and checked. */
export interface EvalOptions extends ScorerSetup {
  readonly threshold: number;
  readonly concurrency: number;
  /** Empty: chosen from what the items have. */
  readonly scorers: readonly string[];
  readonly field?: string;
  readonly json: boolean;
}

/** The server's limit on items at once for one evaluation. */
const SERVER_MAX_CONCURRENCY = 16;
const POLL_MS = 300;

async function isFile(path: string, cwd: string): Promise<boolean> {
  return stat(resolve(cwd, path)).then(
    (found) => found.isFile(),
    () => false,
  );
}

/** A dataset file parsed, or its problems printed (exit 2). */
async function datasetFile(path: string, io: CliIo): Promise<DatasetItem[] | number> {
  const parsed = parseDataset(await readTextFile(path, io.cwd, 'dataset'), path);
  if (parsed.ok) return parsed.items;
  for (const problem of parsed.problems) io.stderr.write(`${path}: ${problem}\n`);
  return EXIT.invalid;
}

/** A stored dataset by id, else by name (one match only). */
function findDataset(datasets: readonly DatasetSummary[], argument: string): DatasetSummary | string {
  const byId = datasets.find((dataset) => dataset.id === argument);
  if (byId) return byId;
  const byName = datasets.filter((dataset) => dataset.name === argument);
  if (byName.length === 1 && byName[0]) return byName[0];
  return byName.length > 1
    ? `${byName.length} datasets are named "${argument}"; name one by its id.`
    : `"${argument}" is neither a dataset file nor a stored dataset (tailor eval takes a file, or a dataset id or name).`;
}

async function flowVersion(
  storage: Storage,
  flowId: string,
  choice: StoredFlowChoice,
  where: string,
): Promise<{ document: FlowDocument; label: string } | string> {
  const flow = await storage.flows.get(flowId);
  if (!flow) return `There is no flow "${flowId}" in ${where}.`;
  if (choice === 'draft') return { document: flow.document, label: `draft (revision ${flow.revision})` };
  const number = choice === 'published' ? flow.publishedVersion : choice;
  if (number === null)
    return `Flow "${flowId}" has no published version yet: publish it, or evaluate the draft with --version draft.`;
  const version = await storage.flows.version(flowId, number);
  if (!version) return `Flow "${flowId}" has no version ${number}.`;
  return { document: version.document, label: `version ${number}` };
}

/**
 * `tailor eval <flow id>` on the local data directory: the stored flow's version and a dataset
 * file or stored dataset, to run in this process like a flow file.
 */
export async function loadStoredFlow(
  flowId: string,
  choice: StoredFlowChoice,
  datasetArgument: string,
  dataDir: string,
  io: CliIo,
): Promise<{ document: FlowDocument; items: DatasetItem[]; datasetName: string } | number> {
  const config = readConfig({ ...io.env, TAILOR_DATA_DIR: dataDir }, io.cwd);
  const storage = await openStorage(config);
  try {
    const where = config.MONGODB_URI ? 'MongoDB' : dataDir;
    const found = await flowVersion(storage, flowId, choice, where);
    if (typeof found === 'string') {
      io.stderr.write(`${found}\n`);
      return EXIT.invalid;
    }
    const checked = loadFlow(found.document, catalogue);
    if (!checked.valid || !checked.document) {
      for (const problem of checked.problems) io.stderr.write(formatProblem(problem));
      io.stderr.write(`The ${found.label} of "${flowId}" has problems; nothing was evaluated.\n`);
      return EXIT.invalid;
    }
    io.stderr.write(`Evaluating the ${found.label} of "${flowId}" from ${where}.\n`);
    if (await isFile(datasetArgument, io.cwd)) {
      const items = await datasetFile(datasetArgument, io);
      return typeof items === 'number' ? items : { document: checked.document, items, datasetName: datasetArgument };
    }
    const summary = findDataset(await storage.datasets.list(), datasetArgument);
    if (typeof summary === 'string') throw new UsageError(summary);
    const dataset = (await storage.datasets.get(summary.id)) as Dataset;
    if (!dataset.items.length) throw new UsageError(`Dataset "${dataset.name}" has no items.`);
    return { document: checked.document, items: itemsForScoring(dataset.items), datasetName: dataset.name };
  } finally {
    await storage.close();
  }
}

/** Refused by the server: its message and problems are printed, exit 2. */
class ServerRefusal extends Error {
  override readonly name = 'ServerRefusal';
  readonly problems: string[];

  constructor(message: string, problems: string[]) {
    super(message);
    this.problems = problems;
  }
}

function serverClient(server: string, token: string) {
  const { call } = adminHttp(server, token);
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await call<T>(method, path, body);
    const parsed = response.body;
    if (response.status === 401)
      throw new Error('The server refused the token. Check --token (tailor key create --admin).');
    if (response.status >= 400) {
      throw new ServerRefusal(
        parsed?.error?.message ?? `The server answered ${response.status}.`,
        (parsed?.error?.problems ?? []).map((problem) => problem.message),
      );
    }
    return parsed;
  };
}

/** A dataset file is stored on the server under its file name (replacing that dataset's items), else looked up. */
async function serverDataset(
  call: ReturnType<typeof serverClient>,
  argument: string,
  flowId: string,
  io: CliIo,
): Promise<string | number> {
  const datasets = await call<DatasetSummary[]>('GET', '/api/datasets');
  if (!(await isFile(argument, io.cwd))) {
    const found = findDataset(datasets, argument);
    if (typeof found === 'string') throw new UsageError(found);
    return found.id;
  }
  const items = await datasetFile(argument, io);
  if (typeof items === 'number') return items;
  const name = basename(argument);
  const body = { name, flowId, items: itemsForStorage(items) };
  const same = datasets.find((dataset) => dataset.name === name && dataset.flowId === flowId);
  const saved = same
    ? await call<Dataset>('PUT', `/api/datasets/${encodeURIComponent(same.id)}`, body)
    : await call<Dataset>('POST', '/api/datasets', body);
  io.stderr.write(`Dataset "${name}" (${items.length} items) ${same ? 'updated' : 'stored'} on the server.\n`);
  return saved.id;
}

/** The stored report as format-report prints it. */
function asReport(evaluation: StoredEvaluation): EvaluationReport | undefined {
  const report = evaluation.report;
  if (!report) return undefined;
  return { items: report.items.map((item) => ({ ...item, output: item.output })), summary: report.summary };
}

/**
 * `tailor eval <flow id> --server <url>`: the server runs the evaluation (each item a recorded
 * run, the evaluation stored); this polls its progress and prints the same report.
 */
export async function evaluateOnServer(
  target: { server: string; token: string },
  flowId: string,
  choice: StoredFlowChoice,
  datasetArgument: string,
  options: EvalOptions,
  io: CliIo,
): Promise<number> {
  if (options.concurrency > SERVER_MAX_CONCURRENCY)
    throw new UsageError(`--concurrency is at most ${SERVER_MAX_CONCURRENCY} on a server.`);
  const call = serverClient(target.server, target.token);
  try {
    const datasetId = await serverDataset(call, datasetArgument, flowId, io);
    if (typeof datasetId === 'number') return datasetId;
    const started = await call<StoredEvaluation>('POST', '/api/evaluations', {
      flowId,
      version: choice,
      datasetId,
      scorers: options.scorers,
      threshold: options.threshold,
      concurrency: options.concurrency,
      ...(options.field ? { field: options.field } : {}),
      ...(options.jsonFields?.length ? { jsonFields: options.jsonFields } : {}),
      ...(options.judge ? { judge: options.judge } : {}),
      ...(options.rubric ? { rubric: options.rubric } : {}),
      ...(options.embed ? { embed: options.embed } : {}),
      ...(options.similarity !== undefined ? { similarity: options.similarity } : {}),
    });
    const what =
      started.flowVersion !== undefined ? `version ${started.flowVersion}` : `draft (revision ${started.revision})`;
    io.stderr.write(`Evaluation ${started.id}: the ${what} of "${flowId}" on "${started.datasetName}".\n`);
    const ended = await follow(call, started, io);
    const report = asReport(ended);
    if (report) io.stdout.write(options.json ? `${JSON.stringify(ended.report, null, 2)}\n` : formatReport(report));
    if (ended.status !== 'succeeded') {
      io.stderr.write(`The evaluation ${ended.status}${ended.error ? `: ${ended.error}` : '.'}\n`);
      return EXIT.failed;
    }
    return ended.passed ? EXIT.ok : EXIT.failed;
  } catch (thrown) {
    if (!(thrown instanceof ServerRefusal)) throw thrown;
    for (const problem of thrown.problems) io.stderr.write(`${problem}\n`);
    io.stderr.write(`${thrown.message}\n`);
    return EXIT.invalid;
  }
}

/** Polls until the evaluation ends, printing progress; Ctrl-C cancels it on the server. */
async function follow(
  call: ReturnType<typeof serverClient>,
  started: StoredEvaluation,
  io: CliIo,
): Promise<StoredEvaluation> {
  let cancelling = false;
  const stopListening = io.onInterrupt(() => {
    cancelling = true;
    void call('POST', `/api/evaluations/${encodeURIComponent(started.id)}/cancel`).catch(() => undefined);
  });
  try {
    let shown = -1;
    for (;;) {
      const current = await call<StoredEvaluation>('GET', `/api/evaluations/${encodeURIComponent(started.id)}`);
      if (current.progress.done !== shown) {
        shown = current.progress.done;
        if (shown > 0) io.stderr.write(`[${shown}/${current.progress.total}]${cancelling ? ' cancelling' : ''}\n`);
      }
      if (current.status !== 'running') return current;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    stopListening();
  }
}
