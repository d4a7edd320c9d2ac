import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import {
  isSupportedDocument,
  type KnowledgeBase,
  type KnowledgeBaseSettingsInput,
  type KnowledgeBases,
} from '@tailor/nodes';
import { type CliIo, EXIT, type OptionValues, UsageError } from '../../command.js';
import { displayWidth, padColumns, plural } from './text-columns.js';

interface SourceFile {
  /** The document name: the file name as given, or its path inside a given folder. */
  name: string;
  path: string;
}

/** `tailor kb add <kb> <files or folders…>`: creates the knowledge base if needed, then adds each file. */
export async function addDocuments(
  bases: KnowledgeBases,
  io: CliIo,
  kb: string,
  paths: readonly string[],
  values: OptionValues,
) {
  if (paths.length === 0) throw new UsageError('name the files or folders to add.');
  const { files, rejected, skipped } = await collectFiles(io.cwd, paths);
  const { base, created } = await bases.ensure(kb, settingsFrom(values));
  if (created) io.stderr.write(`Created knowledge base "${kb}".\n`);
  else warnIgnoredSettings(base, values, io);
  const rows: Array<{ document: string; status: string; chunks?: number; tokens?: number; reason?: string }> = [];
  for (const file of files) {
    try {
      const bytes = await readFile(file.path);
      if (values.preview) {
        printPreview(io, file.name, await base.preview(file.name, bytes));
        continue;
      }
      const { document, replaced } = await base.add(file.name, bytes);
      rows.push({
        document: file.name,
        status: replaced ? 'replaced' : 'indexed',
        chunks: document.chunks,
        tokens: document.tokens,
      });
    } catch (thrown) {
      rows.push({ document: file.name, status: 'rejected', reason: reasonOf(thrown) });
    }
  }
  for (const reject of rejected) rows.push({ document: reject.name, status: 'rejected', reason: reject.reason });
  for (const skip of skipped) rows.push({ document: skip.name, status: 'skipped', reason: skip.reason });
  if (values.preview) return EXIT.ok;
  if (values.json) io.stdout.write(`${JSON.stringify({ knowledgeBase: kb, documents: rows, info: base.info })}\n`);
  else printRows(io, rows, base);
  return rows.some((row) => row.status === 'rejected') ? EXIT.failed : EXIT.ok;
}

function settingsFrom(values: OptionValues): KnowledgeBaseSettingsInput {
  const settings: KnowledgeBaseSettingsInput = {};
  const chunkSize = integer(values['chunk-size'], '--chunk-size');
  const overlap = integer(values.overlap, '--overlap');
  if (chunkSize !== undefined || overlap !== undefined) {
    settings.chunking = {
      chunkSize: chunkSize ?? 512,
      overlap: overlap ?? Math.min(64, Math.floor((chunkSize ?? 512) / 8)),
    };
  }
  const embedding = values.embedding as string | undefined;
  if (embedding) {
    const at = embedding.indexOf(':');
    if (at <= 0 || at === embedding.length - 1)
      throw new UsageError('--embedding is <provider>:<model>, e.g. openai:text-embedding-3-small.');
    const credential = values['embedding-credential'] as string | undefined;
    settings.embedding = {
      provider: embedding.slice(0, at),
      model: embedding.slice(at + 1),
      ...(credential ? { credential } : {}),
    };
  }
  return settings;
}

function warnIgnoredSettings(base: KnowledgeBase, values: OptionValues, io: CliIo): void {
  const given = ['chunk-size', 'overlap', 'embedding'].filter((name) => values[name] !== undefined);
  if (given.length === 0) return;
  const s = base.info.settings;
  const current = `chunk size ${s.chunking.chunkSize}, overlap ${s.chunking.overlap}, ${s.embedding ? `embedding ${s.embedding.provider}:${s.embedding.model}` : 'no embedding model'}`;
  io.stderr.write(
    `"${base.name}" already exists (${current}); --${given.join(', --')} apply only when a knowledge base is created.\n`,
  );
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number of tokens.`);
  return n;
}

async function collectFiles(cwd: string, paths: readonly string[]) {
  const files = new Map<string, SourceFile>();
  const rejected: Array<{ name: string; reason: string }> = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) rejected.push({ name: given, reason: 'no such file or folder' });
    else if (info.isDirectory()) {
      for (const file of await walk(path)) {
        const name = relative(path, file).split(sep).join('/');
        if (isSupportedDocument(file)) files.set(name, { name, path: file });
        else skipped.push({ name, reason: 'unsupported format' });
      }
    } else files.set(basename(path), { name: basename(path), path });
  }
  return { files: [...files.values()], rejected, skipped };
}

/** Files under a folder, hidden files and node_modules left out, in a stable order. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function reasonOf(thrown: unknown): string {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return message.replace(/^The document could not be read\. /, '');
}

function printRows(
  io: CliIo,
  rows: ReadonlyArray<{ document: string; status: string; chunks?: number; tokens?: number; reason?: string }>,
  base: KnowledgeBase,
) {
  const width = Math.max(8, ...rows.map((r) => displayWidth(r.document)));
  for (const row of rows) {
    const detail = row.reason ?? `${plural(row.chunks ?? 0, 'chunk')}, ${plural(row.tokens ?? 0, 'token')}`;
    io.stdout.write(`${row.status.padEnd(9)} ${padColumns(row.document, width)}  ${detail}\n`);
  }
  const info = base.info;
  const search = info.keywordOnly
    ? 'keyword search only (no embedding model; create it with --embedding <provider>:<model> for vector search)'
    : `keyword + vector search (${info.embedded?.model ?? info.settings.embedding?.model}, ${info.vectorIndex})`;
  io.stdout.write(
    `"${info.name}": ${plural(info.documents, 'document')}, ${plural(info.chunks, 'chunk')}; ${search}.\n`,
  );
}

function printPreview(io: CliIo, name: string, chunks: Awaited<ReturnType<KnowledgeBase['preview']>>) {
  io.stdout.write(`${name}: ${chunks.length} chunks\n`);
  for (const chunk of chunks) {
    const heading = chunk.headingPath.length > 0 ? ` ${chunk.headingPath.join(' › ')}` : '';
    io.stdout.write(`--- #${chunk.position} (${chunk.tokens} tokens)${heading}\n${chunk.text}\n`);
  }
}
