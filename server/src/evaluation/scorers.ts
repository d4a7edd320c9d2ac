import type { DatasetItem } from './dataset.js';
import type { RunEvidence } from './evidence.js';
import { deepEqual, normalise, textOf, valueAt } from './values.js';

/** One scorer's verdict on one item: a score from 0 to 1, whether it passes, and why. */
export interface Score {
  readonly scorer: string;
  readonly score: number;
  readonly pass: boolean;
  readonly detail: string;
}

export interface ScorerOptions {
  /** Score this field of the flow's output (`answer`, `minutes.summary`) instead of all of it. */
  readonly field?: string;
  /** For `json`: the fields that must equal the expected value's (all fields when absent). */
  readonly jsonFields?: readonly string[];
  /** The LLM judge (judge.ts), when a judge model was given. */
  readonly judge?: Scorer;
  /** Embedding similarity (similarity.ts), when an embedding model was given. */
  readonly similarity?: Scorer;
}

export interface Scorer {
  readonly name: string;
  readonly description: string;
  /** Whether the item has what this scorer compares with (an expected value, facts). */
  applies(item: DatasetItem): boolean;
  /** What is wrong with the item for this scorer (e.g. a regex that does not compile), if anything. */
  check?(item: DatasetItem): string | undefined;
  score(output: unknown, item: DatasetItem, evidence: RunEvidence): Score | Promise<Score>;
}

const hasExpected = (item: DatasetItem) => item.expected !== undefined;

function verdict(scorer: string, pass: boolean, detail: string, score = pass ? 1 : 0): Score {
  return { scorer, score, pass, detail };
}

function clip(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

const exact: Scorer = {
  name: 'exact',
  description: 'the output equals the expected value (text trimmed; JSON values structurally)',
  applies: hasExpected,
  score(output, item) {
    const pass =
      typeof item.expected === 'string'
        ? textOf(output).trim() === item.expected.trim()
        : deepEqual(output, item.expected);
    return verdict(
      'exact',
      pass,
      pass ? 'equal' : `expected ${clip(textOf(item.expected))}, got ${clip(textOf(output))}`,
    );
  },
};

const contains: Scorer = {
  name: 'contains',
  description: 'the output contains the expected text (case and spacing ignored)',
  applies: hasExpected,
  score(output, item) {
    const pass = normalise(textOf(output)).includes(normalise(textOf(item.expected)));
    return verdict('contains', pass, pass ? 'found' : `"${clip(textOf(item.expected))}" not in the output`);
  },
};

function compile(pattern: unknown): RegExp | string {
  if (typeof pattern !== 'string') return 'for the regex scorer, "expected" must be a pattern as text';
  try {
    return new RegExp(pattern, 'u');
  } catch (error) {
    return `"expected" is not a valid regular expression (${(error as Error).message})`;
  }
}

const regex: Scorer = {
  name: 'regex',
  description: 'the output matches the expected regular expression',
  applies: hasExpected,
  check: (item) => {
    const compiled = compile(item.expected);
    return typeof compiled === 'string' ? compiled : undefined;
  },
  score(output, item) {
    const compiled = compile(item.expected);
    if (typeof compiled === 'string') return verdict('regex', false, compiled);
    const pass = compiled.test(textOf(output));
    return verdict('regex', pass, pass ? 'matches' : `does not match /${clip(String(item.expected))}/`);
  },
};

/** The output read as JSON: a JSON object as text (a model's answer) is parsed. */
function asJson(output: unknown): unknown {
  if (typeof output !== 'string') return output;
  try {
    return JSON.parse(output);
  } catch {
    return output;
  }
}

function jsonScorer(fields: readonly string[] | undefined): Scorer {
  return {
    name: 'json',
    description: 'the output as JSON equals the expected value on the chosen fields (--json-field)',
    applies: hasExpected,
    score(output, item) {
      const actual = asJson(output);
      if (!fields?.length) {
        const pass = deepEqual(actual, item.expected);
        return verdict('json', pass, pass ? 'equal' : 'differs from the expected value');
      }
      const wrong = fields.filter((path) => !deepEqual(valueAt(actual, path), valueAt(item.expected, path)));
      const share = (fields.length - wrong.length) / fields.length;
      const detail = wrong.length ? `differs on ${wrong.join(', ')}` : `equal on ${fields.join(', ')}`;
      return verdict('json', wrong.length === 0, detail, share);
    },
  };
}

const facts: Scorer = {
  name: 'facts',
  description: 'every expected fact appears in the output (case and spacing ignored)',
  applies: (item) => !!item.facts?.length,
  score(output, item) {
    const text = normalise(textOf(output));
    const all = item.facts ?? [];
    const missing = all.filter((fact) => !text.includes(normalise(fact)));
    const detail = missing.length
      ? `missing: ${missing.map((f) => `"${clip(f, 30)}"`).join(', ')}`
      : `${all.length}/${all.length} facts`;
    return verdict('facts', missing.length === 0, detail, (all.length - missing.length) / all.length);
  },
};

/** A retrieved document matches an expected source by name, with or without its folder, any case. */
function sameSource(retrieved: string, expected: string): boolean {
  const a = retrieved.toLowerCase();
  const b = expected.toLowerCase();
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

const retrieval: Scorer = {
  name: 'retrieval',
  description: 'every expected source is among the documents the retrieval nodes returned (hit rate)',
  applies: (item) => !!item.sources?.length,
  score(_output, item, evidence) {
    const expected = item.sources ?? [];
    const missing = expected.filter((source) => !evidence.retrieved.some((doc) => sameSource(doc, source)));
    const got = evidence.retrieved.length ? evidence.retrieved.map((d) => clip(d, 30)).join(', ') : 'nothing';
    const detail = missing.length
      ? `not retrieved: ${missing.join(', ')} (got ${got})`
      : `${expected.length}/${expected.length} sources retrieved`;
    return verdict('retrieval', missing.length === 0, detail, (expected.length - missing.length) / expected.length);
  },
};

/** The scorers by name, as `--scorer` takes them. */
export function scorerNames(): string[] {
  return ['exact', 'contains', 'regex', 'json', 'facts', 'retrieval', 'judge', 'similarity'];
}

/** The scorers asked for; an unknown name is a problem to report, not a crash. `judge` and `similarity` are made by the caller (they need a model). */
export function createScorers(names: readonly string[], options: ScorerOptions = {}): Scorer[] | string {
  const all: Record<string, Scorer> = {
    exact,
    contains,
    regex,
    json: jsonScorer(options.jsonFields),
    facts,
    retrieval,
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.similarity ? { similarity: options.similarity } : {}),
  };
  const unknown = names.filter((name) => !all[name]);
  if (unknown.length)
    return `Unknown scorer ${unknown.map((n) => `"${n}"`).join(', ')}; choose from ${scorerNames().join(', ')}.`;
  return [...new Set(names)].map((name) => all[name] as Scorer);
}

/** Without --scorer: `exact` for an expected value, `facts` for facts, `retrieval` for sources. */
export function defaultScorerNames(items: readonly DatasetItem[]): string[] {
  const names = [];
  if (items.some(hasExpected)) names.push('exact');
  if (items.some((item) => item.facts?.length)) names.push('facts');
  if (items.some((item) => item.sources?.length)) names.push('retrieval');
  return names;
}

/** Every scorer that applies to the item, on the chosen field of the output. */
export function scoreItem(
  scorers: readonly Scorer[],
  output: unknown,
  item: DatasetItem,
  options: { field?: string | undefined; evidence?: RunEvidence } = {},
): Promise<Score[]> {
  const scored = valueAt(output, options.field);
  const evidence = options.evidence ?? { retrieved: [] };
  return Promise.all(
    scorers.filter((scorer) => scorer.applies(item)).map(async (scorer) => scorer.score(scored, item, evidence)),
  );
}
