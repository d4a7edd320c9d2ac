import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';

/** One dataset item: the flow's inputs, and what a good answer is (a value, facts, or both). */
export const DatasetItemSchema = z
  .object({
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()),
    expected: z.unknown().optional(),
    facts: z.array(z.string().min(1)).optional(),
    /** Documents retrieval should find (file names as `tailor kb add` stored them), for the `retrieval` scorer. */
    sources: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type DatasetItem = z.output<typeof DatasetItemSchema> & { line: number };

export type DatasetResult = { ok: true; items: DatasetItem[] } | { ok: false; problems: string[] };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the line';
      if (issue.code === 'unrecognized_keys')
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a line has inputs, expected, facts, sources and id)`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** JSON Lines: one `{ "inputs": {…}, "expected"?: …, "facts"?: […] }` per line; blank lines are skipped. */
export function parseJsonl(text: string): DatasetResult {
  const items: DatasetItem[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push(`line ${line}: not JSON (${(error as Error).message}).`);
      return;
    }
    const parsed = DatasetItemSchema.safeParse(value);
    if (parsed.success) items.push({ ...parsed.data, line });
    else problems.push(`line ${line}: ${describeIssues(parsed.error)}.`);
  });
  return finish(items, problems);
}

/** A cell that looks like JSON (object, list, number, true/false, null, quoted text) is read as JSON. */
function cellValue(cell: string): unknown {
  const trimmed = cell.trim();
  if (/^[[{"]/.test(trimmed) || /^(-?\d+(\.\d+)?|true|false|null)$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return cell;
    }
  }
  return cell;
}

/** A list cell: a JSON list, or `a | b | c`. */
function cellList(cell: string): string[] {
  const value = cellValue(cell);
  return Array.isArray(value)
    ? value.map(String)
    : cell
        .split('|')
        .map((part) => part.trim())
        .filter(Boolean);
}

function csvItem(row: Record<string, string>, line: number): DatasetItem | string {
  const inputs: Record<string, unknown> = {};
  let expected: unknown;
  let facts: string[] | undefined;
  let sources: string[] | undefined;
  let id: string | undefined;
  for (const [column, cell] of Object.entries(row)) {
    if (column === 'expected') expected = cell === '' ? undefined : cellValue(cell);
    else if (column === 'facts') facts = cellList(cell);
    else if (column === 'sources') sources = cellList(cell);
    else if (column === 'id') id = cell || undefined;
    else inputs[column.replace(/^inputs\./, '')] = cellValue(cell);
  }
  const parsed = DatasetItemSchema.safeParse({
    id,
    inputs,
    expected,
    facts: facts?.length ? facts : undefined,
    sources: sources?.length ? sources : undefined,
  });
  return parsed.success ? { ...parsed.data, line } : `line ${line}: ${describeIssues(parsed.error)}.`;
}

/**
 * CSV with a header row: `expected`, `facts` and `sources` (a JSON list or `a | b | c`) and `id` are special;
 * every other column is an input (`question` or `inputs.question`).
 */
export function parseCsvDataset(text: string): DatasetResult {
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, info: true, trim: false });
  } catch (error) {
    return { ok: false, problems: [`${(error as Error).message}.`] };
  }
  const items: DatasetItem[] = [];
  const problems: string[] = [];
  for (const { record, info } of rows) {
    const item = csvItem(record, info.lines);
    if (typeof item === 'string') problems.push(item);
    else items.push(item);
  }
  return finish(items, problems);
}

function finish(items: DatasetItem[], problems: string[]): DatasetResult {
  if (problems.length) return { ok: false, problems };
  if (!items.length) return { ok: false, problems: ['the dataset has no items.'] };
  return { ok: true, items };
}

/** Reads a dataset by its file name: `.csv` is CSV, anything else JSON Lines. */
export function parseDataset(text: string, fileName: string): DatasetResult {
  return fileName.toLowerCase().endsWith('.csv') ? parseCsvDataset(text) : parseJsonl(text);
}
