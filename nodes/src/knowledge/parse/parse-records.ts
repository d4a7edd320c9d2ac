import { parse as parseCsvRows } from 'csv-parse/sync';
import type { Metadata, MetadataValue } from '../model.js';
import { normaliseNewlines } from './parse-text.js';
import type { Block, ParsedDocument } from './parsed-document.js';

/**
 * CSV and JSON: one record is one chunk, its fields are the chunk's metadata (so filters can use
 * them) and its text is `field: value` lines.
 */
export function parseCsv(text: string): ParsedDocument {
  const rows = parseCsvRows(normaliseNewlines(text), {
    columns: (header: string[]) => header.map((name, i) => name.trim() || `column${i + 1}`),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as Array<Record<string, string>>;
  return recordsDocument('csv', rows);
}

/** A JSON array of records, an object holding one such array, a single object, or JSON Lines. */
export function parseJson(text: string, jsonLines = false): ParsedDocument {
  const clean = normaliseNewlines(text).trim();
  const value: unknown = jsonLines
    ? clean
        .split('\n')
        .filter((line) => line.trim())
        .map((line, i) => parseJsonText(line, `line ${i + 1}`))
    : parseJsonText(clean, 'the file');
  return recordsDocument('json', recordsIn(value));
}

function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON (${(error as Error).message})`);
  }
}

function recordsIn(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const arrays = Object.values(value).filter((v) => Array.isArray(v) && v.some((item) => isObject(item)));
    if (arrays.length === 1 && Array.isArray(arrays[0])) return arrays[0];
    return [value];
  }
  throw new Error('the JSON holds neither records (objects) nor a list of them');
}

function recordsDocument(format: 'csv' | 'json', records: readonly unknown[]): ParsedDocument {
  const blocks: Block[] = [];
  records.forEach((record, index) => {
    const fields = isObject(record) ? flatten(record) : { value: scalar(record) };
    const text = Object.entries(fields)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
    if (text) blocks.push({ kind: 'record', text, headingPath: [], metadata: { ...fields, row: index + 1 } });
  });
  if (blocks.length === 0) throw new Error('the file holds no records');
  return { format, blocks, metadata: { records: blocks.length } };
}

/** Nested objects become dotted field names; lists of plain values are joined with commas. */
function flatten(record: Record<string, unknown>, prefix = '', out: Metadata = {}, depth = 0): Metadata {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && depth < 3) flatten(value, name, out, depth + 1);
    else if (Array.isArray(value))
      out[name] = value.map((v) => (isObject(v) ? JSON.stringify(v) : String(v))).join(', ');
    else out[name] = typeof value === 'string' ? castCell(value) : scalar(value);
  }
  return out;
}

/** CSV cells are text; numbers and booleans are recognised so range filters work on them. */
function castCell(value: string): MetadataValue {
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function scalar(value: unknown): MetadataValue {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
