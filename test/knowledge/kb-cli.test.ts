import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../server/src/cli/command.js';
import { commands } from '../../server/src/cli/registry.js';
import { runCli } from '../../server/src/cli/run-cli.js';
import { startProviderServer } from '../support/index.js';

const tailor = fileURLToPath(new URL('../../server/bin/tailor.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));
let dir: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [tailor, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', TAILOR_DATA_DIR: join(dir, 'data') },
    });
    return { code: 0, stdout, stderr };
  } catch (thrown) {
    const failed = thrown as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The same commands in this process (the real binary costs seconds per start). */
async function inProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: process.stdin,
    cwd: dir,
    env: { TAILOR_DATA_DIR: join(dir, 'data') },
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(args, io, commands);
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-kb-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real `tailor` process takes seconds to start (tsx compiles on the fly); two tests use one.
describe('tailor kb', { timeout: 60_000 }, () => {
  it('adds a folder, printing what was indexed and what was skipped', async () => {
    const { code, stdout } = await cli('kb', 'add', 'support', fixtures);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^indexed +refund-policy\.md +4 chunks, \d+ tokens$/m);
    expect(stdout).toMatch(/^indexed +会员权益\.txt +1 chunk, \d+ tokens$/m);
    expect(stdout).toMatch(/^skipped +make-binary-fixtures\.ts +unsupported format$/m);
    expect(stdout).toContain('"support": 8 documents');
    expect(stdout).toContain('keyword search only');
  });

  it('rejects a file it cannot read, says why, and exits 1', async () => {
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.4 this is not a pdf');
    const { code, stdout } = await inProcess('kb', 'add', 'support', 'broken.pdf', 'missing.txt');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^rejected +broken\.pdf +"broken\.pdf": it is not a valid PDF/m);
    expect(stdout).toMatch(/^rejected +missing\.txt +no such file or folder$/m);
    expect(stdout).toContain('"support": 8 documents');
  });

  it('searches with --json in the documented shape', async () => {
    const { code, stdout, stderr } = await cli(
      'kb',
      'search',
      'support',
      '银行卡退款多久到账',
      '--top-k',
      '2',
      '--json',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout) as { chunks: Array<Record<string, unknown>> };
    expect(result.chunks).toHaveLength(2);
    expect(Object.keys(result.chunks[0] ?? {})).toEqual(['text', 'document', 'score', 'scores', 'metadata']);
    expect(result.chunks[0]).toMatchObject({
      document: 'refund-policy.md',
      scores: { keyword: { rank: 1 }, vector: null },
    });
  });

  it('answers --queries with one JSON line per query, in order', async () => {
    writeFileSync(join(dir, 'queries.txt'), 'how do I reset the router\n\n钻石卡会员有什么优惠\nwarranty battery\n');
    const { code, stdout } = await inProcess('kb', 'search', 'support', '--queries', 'queries.txt', '--top-k', '1');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { chunks: Array<{ document: string }> });
    expect(lines.map((l) => l.chunks[0]?.document)).toEqual(['manual.pdf', '会员权益.txt', 'warranty.docx']);
  });

  it('filters on record fields and shows the debugger lines', async () => {
    const { stdout } = await inProcess(
      'kb',
      'search',
      'support',
      'monitor',
      '--filter',
      'price<1000',
      '--filter',
      'category=displays|accessories',
    );
    expect(stdout).toMatch(/^1\. products\.csv +score [\d.]+\n +keyword #1 \([\d.]+\) · vector —\n +sku: B400/m);
    expect(stdout).not.toContain('B300');
  });

  it('lists knowledge bases and documents, removes one, and refuses vector search without embeddings', async () => {
    expect((await inProcess('kb', 'list')).stdout).toMatch(/^support +8 documents +\d+ chunks +keyword only$/m);
    expect((await inProcess('kb', 'remove', 'support', 'manual.pdf')).stdout).toContain(
      'Removed "manual.pdf" from "support"; 7 documents',
    );
    const listed = await inProcess('kb', 'list', 'support', '--json');
    const names = (JSON.parse(listed.stdout) as { documents: Array<{ name: string }> }).documents.map((d) => d.name);
    expect(names).not.toContain('manual.pdf');
    const vector = await inProcess('kb', 'search', 'support', 'router', '--mode', 'vector');
    expect(vector.code).toBe(1);
    expect(vector.stderr).toContain('can only be searched by keyword');
    const missing = await inProcess('kb', 'search', 'suport', 'x');
    expect(missing.stderr).toContain('"suport" does not exist. Known: support');
  });

  it('previews the chunks of a file without indexing it', async () => {
    const { code, stdout } = await inProcess(
      'kb',
      'add',
      'preview-only',
      join(fixtures, 'refund-policy.md'),
      '--preview',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^refund-policy\.md: 4 chunks$/m);
    expect(stdout).toMatch(/^--- #2 \(\d+ tokens\) 退款与退货政策 › 退款时效$/m);
    const listed = await inProcess('kb', 'list', 'preview-only', '--json');
    expect((JSON.parse(listed.stdout) as { documents: unknown[] }).documents).toEqual([]);
  });

  it('builds a hybrid knowledge base with an embedding model over HTTP and explains each rank', async () => {
    const server = await startProviderServer({ apiKey: 'cli-key', embeddingDimensions: 48 });
    try {
      const credentials = [
        { id: 'local', provider: 'openai-compatible', baseUrl: server.openaiBaseUrl, apiKey: 'cli-key' },
      ];
      writeFileSync(join(dir, 'credentials.json'), JSON.stringify(credentials));
      const embed = ['--embedding', 'openai-compatible:embed-small', '--embedding-credential', 'local'];
      const added = await inProcess('kb', 'add', 'hybrid', fixtures, ...embed, '--credentials', 'credentials.json');
      expect(added.stdout).toContain('keyword + vector search (embed-small, exact)');
      expect(server.requestsTo('/embeddings').length).toBeGreaterThanOrEqual(8);
      const search = await inProcess(
        'kb',
        'search',
        'hybrid',
        '钻石卡会员优惠',
        '--credentials',
        'credentials.json',
        '--top-k',
        '1',
      );
      expect(search.stdout).toMatch(
        /^1\. 会员权益\.txt +score [\d.]+\n +keyword #1 \([\d.]+\) · vector #\d+ \([\d.]+\) · fused [\d.]+$/m,
      );
      const json = await inProcess(
        'kb',
        'search',
        'hybrid',
        'router reset',
        '--mode',
        'vector',
        '--json',
        '--credentials',
        'credentials.json',
      );
      const chunk = (JSON.parse(json.stdout) as { chunks: Array<{ scores: { vector: { rank: number } | null } }> })
        .chunks[0];
      expect(chunk?.scores.vector?.rank).toBe(1);
      expect((await inProcess('kb', 'list')).stdout).toMatch(
        /^hybrid +8 documents +\d+ chunks +hybrid · embed-small · exact$/m,
      );
    } finally {
      await server.close();
    }
  });
});
