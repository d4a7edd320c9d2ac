import { resolve } from 'node:path';
import { catalogue, ModelProvidersService } from '@tailor/nodes';
import type { ServiceRegistry } from '@tailor/runtime';
import { composeServices } from '../../compose/services.js';
import { type DatasetItem, parseDataset } from '../../evaluation/dataset.js';
import { formatReport } from '../../evaluation/format-report.js';
import { type AskJudge, DEFAULT_RUBRIC, judgeScorer } from '../../evaluation/judge.js';
import { buildReport } from '../../evaluation/report.js';
import { runDataset } from '../../evaluation/run-dataset.js';
import { createScorers, defaultScorerNames, type Scorer } from '../../evaluation/scorers.js';
import { type Embed, similarityScorer } from '../../evaluation/similarity.js';
import { type CliCommand, type CliIo, EXIT, type OptionValues, UsageError } from '../command.js';
import { countProblems, formatProblem, loadFlowFile, readTextFile } from '../flow-file.js';

const details = `Runs the flow once per dataset item and scores each output.

Dataset: JSON Lines, one {"inputs": {...}, "expected": <value>, "facts": ["...", ...], "id": "..."}
per line, or CSV with a header row (columns expected, facts as "a | b" or a JSON list, id; every
other column is an input).

Options:
  --scorer <name>        exact, contains, regex, json, facts, retrieval, judge (repeatable);
                         default: exact for items with "expected", facts for items with
                         "facts", retrieval for items with "sources"
  --field <path>         score this field of the output, e.g. answer or minutes.summary
  --json-field <path>    for the json scorer: a field that must equal the expected one (repeatable)
  --judge <provider/model>  the model of the judge scorer, e.g. openai/gpt-4o-mini
  --rubric <text>        what the judge checks (default: correct, complete, nothing invented)
  --embed <provider/model>  the embedding model of the similarity scorer, e.g. openai/text-embedding-3-small
  --similarity <0..1>    the cosine similarity the similarity scorer needs (default 0.8)
  --threshold <0..1>     the share of items that must pass (default 0.8)
  --concurrency <n>      items running at once (1-32, default 4)
  --json                 print the report as JSON
  --credentials <file>   as for tailor run

An item passes when its run succeeds and every scorer that applies passes. Latency and tokens
(with cost, when prices are known) are reported per item and in total.

Exit status: 0 at or above the threshold, 1 below it, 2 bad flow, dataset or options.`;

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

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Score a flow over a dataset (JSONL or CSV); exit 1 below the threshold',
  usage:
    'tailor eval <flow.json> <dataset.jsonl|csv> [--scorer <name>]… [--threshold 0.8] [--json] [--concurrency <n>]',
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
  },
  async run({ positionals, values, io }) {
    const [flowPath, datasetPath] = positionals;
    if (!datasetPath)
      throw new UsageError('Name the flow file and the dataset, e.g. tailor eval flow.json cases.jsonl');
    const threshold = readShare(values.threshold, '--threshold');
    const concurrency = readEvalConcurrency(values.concurrency);
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
    const names = list(values.scorer).length ? list(values.scorer) : defaultScorerNames(dataset.items);
    if (!names.length) {
      io.stderr.write(`${datasetPath}: no item has "expected", "facts" or "sources", so there is nothing to score.\n`);
      return EXIT.invalid;
    }
    // Model-backed scorers reach their models through the services composed below, once items are scored.
    let services: ServiceRegistry | undefined;
    const scorers = scorersFor(values, names, () => services);
    const itemProblems = checkItems(scorers, dataset.items);
    if (itemProblems.length) {
      for (const problem of itemProblems) io.stderr.write(`${datasetPath}: ${problem}\n`);
      return EXIT.invalid;
    }
    const composed = await composeFor(values.credentials, io);
    services = composed.services;
    const controller = new AbortController();
    const stopListening = io.onInterrupt(() => controller.abort('Cancelled with Ctrl-C.'));
    try {
      const total = dataset.items.length;
      const results = await runDataset(loaded.document, dataset.items, {
        catalogue,
        services: composed.services,
        scorers,
        concurrency,
        signal: controller.signal,
        ...(typeof values.field === 'string' ? { field: values.field } : {}),
        onItem: (result, done) => io.stderr.write(`[${done}/${total}] line ${result.line} ${result.status}\n`),
      });
      const report = buildReport(results, threshold);
      io.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return report.summary.passedThreshold ? EXIT.ok : EXIT.failed;
    } finally {
      stopListening();
      await composed.close();
    }
  },
};

/** The scorers named, the judge and similarity ones with their models; wrong options are usage errors. */
function scorersFor(
  values: OptionValues,
  names: readonly string[],
  services: () => ServiceRegistry | undefined,
): Scorer[] {
  const judgeModel = readModel(values.judge, names, 'judge', '--judge', 'openai/gpt-4o-mini');
  const embedModel = readModel(values.embed, names, 'similarity', '--embed', 'openai/text-embedding-3-small');
  const minimum = readShare(values.similarity, '--similarity');
  const rubric = typeof values.rubric === 'string' ? values.rubric : DEFAULT_RUBRIC;
  const judge = judgeModel ? judgeScorer(askJudge(services, judgeModel), rubric) : undefined;
  const similarity = embedModel ? similarityScorer(embedWith(services, embedModel), minimum) : undefined;
  const scorers = createScorers(names, {
    jsonFields: list(values['json-field']),
    ...(judge ? { judge } : {}),
    ...(similarity ? { similarity } : {}),
  });
  if (typeof scorers === 'string') throw new UsageError(scorers);
  return scorers;
}

function checkItems(scorers: readonly Scorer[], items: readonly DatasetItem[]): string[] {
  return items.flatMap((item) =>
    scorers.flatMap((scorer) => {
      const problem = scorer.applies(item) ? scorer.check?.(item) : undefined;
      return problem ? [`line ${item.line}: ${problem}.`] : [];
    }),
  );
}

/** `--judge openai/gpt-4o-mini`: the model a scorer needs, required with it and refused without it. */
function readModel(
  value: unknown,
  names: readonly string[],
  scorer: string,
  flag: string,
  example: string,
): { provider: string; model: string } | undefined {
  if (!names.includes(scorer)) {
    if (value !== undefined) throw new UsageError(`${flag} is for the ${scorer} scorer; add --scorer ${scorer}.`);
    return undefined;
  }
  const match = typeof value === 'string' ? value.match(/^([^/\s]+)\/(\S+)$/) : null;
  if (!match?.[1] || !match[2]) {
    throw new UsageError(`The ${scorer} scorer needs its model: ${flag} <provider>/<model>, e.g. ${flag} ${example}.`);
  }
  return { provider: match[1], model: match[2] };
}

function embedWith(services: () => ServiceRegistry | undefined, embed: { provider: string; model: string }): Embed {
  return async (texts) => {
    const registry = services();
    if (!registry) throw new Error('the services are not ready');
    const provider = await registry.get(ModelProvidersService).embedding({ provider: embed.provider });
    return (await provider.embed(texts, { model: embed.model })).vectors;
  };
}

function askJudge(services: () => ServiceRegistry | undefined, judge: { provider: string; model: string }): AskJudge {
  return async (system, user) => {
    const registry = services();
    if (!registry) throw new Error('the services are not ready');
    const chat = await registry.get(ModelProvidersService).chat({ provider: judge.provider });
    const reply = await chat.chat({
      model: judge.model,
      temperature: 0,
      responseFormat: { type: 'json' },
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });
    return reply.text;
  };
}

/** The services of `tailor run`; a bad credentials file or setting is the caller's to fix (exit 2). */
async function composeFor(credentials: unknown, io: CliIo) {
  const credentialsFile =
    typeof credentials === 'string'
      ? { name: credentials, text: await readTextFile(credentials, io.cwd, 'credentials file') }
      : undefined;
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
