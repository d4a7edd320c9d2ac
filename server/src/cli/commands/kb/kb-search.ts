import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type KnowledgeBases,
  type SearchHit,
  type SearchMode,
  SearchModeSchema,
  SearchRequestSchema,
  type SearchResult,
  searchKnowledge,
} from '@tailor/nodes';
import { type CliIo, EXIT, type OptionValues, UsageError } from '../../command.js';
import { parseFilter } from './kb-filters.js';

/** `tailor kb search <kb> "<query>"`, or one JSON line per query of `--queries <file>`. */
export async function searchCommand(
  bases: KnowledgeBases,
  io: CliIo,
  kb: string,
  query: string | undefined,
  values: OptionValues,
): Promise<number> {
  const queriesPath = values.queries as string | undefined;
  if (query === undefined && !queriesPath)
    throw new UsageError('give a query, or --queries <file> with one query per line.');
  const base = await bases.open(kb);
  const mode = modeOf(values.mode, base.info.keywordOnly);
  const request = (text: string) =>
    SearchRequestSchema.parse({
      query: text,
      mode,
      topK: topKOf(values['top-k']),
      filters: ((values.filter as string[] | undefined) ?? []).map(parseFilter),
      debug: values.debug === true,
      ...(values.threshold !== undefined ? { threshold: thresholdOf(values.threshold) } : {}),
    });
  const search = (text: string) => searchKnowledge([base], request(text));
  if (queriesPath) {
    const lines = (await readFile(resolve(io.cwd, queriesPath), 'utf8')).split(/\r?\n/).filter((line) => line.trim());
    for (const line of lines) io.stdout.write(`${JSON.stringify(jsonResult(await search(line.trim())))}\n`);
    return EXIT.ok;
  }
  const result = await search(query ?? '');
  if (values.json) io.stdout.write(`${JSON.stringify(jsonResult(result))}\n`);
  else printResult(io, result, kb);
  return EXIT.ok;
}

/** The `--json` shape scripts rely on: `{ chunks: [{ text, document, score, scores, metadata }] }`. */
function jsonResult(result: SearchResult) {
  return {
    chunks: result.hits.map((hit) => ({
      text: hit.text,
      document: hit.document,
      score: hit.score,
      scores: hit.scores,
      metadata: hit.metadata,
    })),
  };
}

function modeOf(value: unknown, keywordOnly: boolean): SearchMode {
  if (value === undefined) return keywordOnly ? 'keyword' : 'hybrid';
  const parsed = SearchModeSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--mode is keyword, vector or hybrid, not "${String(value)}".`);
  return parsed.data;
}

function topKOf(value: unknown): number {
  if (value === undefined) return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new UsageError('--top-k is a whole number from 1 to 200.');
  return n;
}

function thresholdOf(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError('--threshold is a score from 0 to 1.');
  return n;
}

function printResult(io: CliIo, result: SearchResult, kb: string): void {
  if (result.hits.length === 0) io.stdout.write(`No chunks of "${kb}" match (mode ${result.mode}).\n`);
  for (const [i, hit] of result.hits.entries()) printHit(io, `${i + 1}.`, hit);
  if (result.cut && result.cut.length > 0) {
    io.stdout.write(`\nCut (${result.cut.length}):\n`);
    for (const hit of result.cut.slice(0, 20)) printHit(io, `- ${hit.reason}:`, hit);
  }
  const t = result.timings;
  io.stderr.write(`mode ${result.mode}; embed ${t.embedMs.toFixed(1)} ms, search ${t.searchMs.toFixed(1)} ms\n`);
}

/** The debugger line: why a chunk is ranked where it is. */
function printHit(io: CliIo, label: string, hit: SearchHit): void {
  const s = hit.scores;
  const why = [
    s.keyword ? `keyword #${s.keyword.rank} (${s.keyword.score.toFixed(3)})` : 'keyword —',
    s.vector ? `vector #${s.vector.rank} (${s.vector.score.toFixed(3)})` : 'vector —',
    s.fused === null ? undefined : `fused ${s.fused.toFixed(3)}`,
    s.rerank === null ? undefined : `rerank ${s.rerank.toFixed(3)}`,
  ].filter(Boolean);
  const source = [hit.document, ...hit.headingPath].join(' › ');
  const text = hit.text.length > 300 ? `${hit.text.slice(0, 300)}…` : hit.text;
  io.stdout.write(
    `${label} ${source}  score ${hit.score.toFixed(3)}\n   ${why.join(' · ')}\n   ${text.replace(/\n/g, '\n   ')}\n`,
  );
}
