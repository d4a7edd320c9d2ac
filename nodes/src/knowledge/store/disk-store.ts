import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pack, readHeader, unpack } from './binary-pack.js';
import {
  type DocumentSummary,
  DocumentSummarySchema,
  type KnowledgeBaseRecord,
  KnowledgeBaseRecordSchema,
  type KnowledgeStore,
  StoredChunkSchema,
  type StoredDocument,
} from './knowledge-store.js';

/**
 * Knowledge bases as files: `<dataDir>/knowledge/<base>/base.json`, one `documents/<hash>.tkb` per
 * document (summary, chunks and vectors in one file) and `index.tkb`, the snapshot. Every write goes
 * to a temporary file first and is renamed into place, so a crash leaves the old or the new file.
 */
export class DiskKnowledgeStore implements KnowledgeStore {
  readonly root: string;

  constructor(dataDir: string = process.env.TAILOR_DATA_DIR || './data') {
    this.root = resolve(dataDir, 'knowledge');
  }

  async listBases(): Promise<KnowledgeBaseRecord[]> {
    const names = await readdir(this.root).catch(() => []);
    const records = await Promise.all(names.map((name) => this.getBase(name)));
    return records
      .filter((r): r is KnowledgeBaseRecord => r !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async getBase(name: string): Promise<KnowledgeBaseRecord | undefined> {
    const text = await readFile(join(this.#base(name), 'base.json'), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : KnowledgeBaseRecordSchema.parse(JSON.parse(text));
  }

  async putBase(record: KnowledgeBaseRecord): Promise<void> {
    await atomicWrite(join(this.#base(record.name), 'base.json'), JSON.stringify(record, null, 2));
  }

  async deleteBase(name: string): Promise<boolean> {
    if (!(await this.getBase(name))) return false;
    await rm(this.#base(name), { recursive: true, force: true });
    return true;
  }

  async listDocuments(base: string): Promise<DocumentSummary[]> {
    const dir = join(this.#base(base), 'documents');
    const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.tkb'));
    // Only each file's header is read: chunks and vectors stay on disk.
    const summaries = await Promise.all(
      files.map(async (file) => DocumentSummarySchema.parse(await readHeaderOf(join(dir, file)))),
    );
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }

  async getDocument(base: string, name: string): Promise<StoredDocument | undefined> {
    const bytes = await readFile(this.#document(base, name)).catch(() => undefined);
    if (!bytes) return undefined;
    const { header, arrays } = unpack(bytes);
    const summary = DocumentSummarySchema.parse(header);
    const chunkBytes = arrays.get('chunks');
    const chunkList = StoredChunkSchema.array().parse(
      chunkBytes instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(chunkBytes)) : [],
    );
    const vectors = arrays.get('vectors');
    return vectors instanceof Float32Array
      ? { ...summary, chunkList, vectors: vectors.slice() }
      : { ...summary, chunkList };
  }

  async putDocument(base: string, document: StoredDocument): Promise<void> {
    const { vectors, chunkList, ...summary } = document;
    const chunks = new TextEncoder().encode(JSON.stringify(chunkList));
    await atomicWrite(this.#document(base, document.name), pack(summary, vectors ? { chunks, vectors } : { chunks }));
  }

  async deleteDocument(base: string, name: string): Promise<boolean> {
    const path = this.#document(base, name);
    const existed = await readFile(path).then(
      () => true,
      () => false,
    );
    await rm(path, { force: true });
    return existed;
  }

  async readSnapshot(base: string): Promise<Uint8Array | undefined> {
    return readFile(join(this.#base(base), 'index.tkb')).catch(() => undefined);
  }

  async writeSnapshot(base: string, bytes: Uint8Array): Promise<void> {
    await atomicWrite(join(this.#base(base), 'index.tkb'), bytes);
  }

  #base(name: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.includes('..'))
      throw new Error(`invalid knowledge base name "${name}"`);
    return join(this.root, name);
  }

  /** Document names are free text (any file name, any script): files are named by a hash. */
  #document(base: string, name: string): string {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 32);
    return join(this.#base(base), 'documents', `${hash}.tkb`);
  }
}

async function readHeaderOf(path: string): Promise<unknown> {
  const file = await open(path, 'r');
  try {
    const prefix = new Uint8Array(8);
    await file.read(prefix, 0, 8, 0);
    const length = new DataView(prefix.buffer).getUint32(4, true);
    const bytes = new Uint8Array(8 + length);
    await file.read(bytes, 0, bytes.length, 0);
    return readHeader(bytes);
  } finally {
    await file.close();
  }
}

let sequence = 0;

async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.${++sequence}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
