import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../../..');
const EDITOR = join(ROOT, 'editor');
export const ADMIN_PASSWORD = 'e2e-password-123';

let built: string | undefined;

/**
 * Builds the editor and its widget into a temp directory of this test process (never editor/dist,
 * which another test or a developer's server may be serving), once per process.
 */
export function buildEditor(): string {
  if (built) return built;
  const outDir = mkdtempSync(join(tmpdir(), 'tailor-editor-build-'));
  // The editor's own pinned vite when npm nested it there, else the hoisted one.
  const nested = join(EDITOR, 'node_modules/vite/bin/vite.js');
  const vite = existsSync(nested) ? nested : join(ROOT, 'node_modules/vite/bin/vite.js');
  for (const config of ['vite.config.ts', 'vite.widget.config.ts']) {
    execFileSync(process.execPath, [vite, 'build', '-c', config, '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: EDITOR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  built = outDir;
  return outDir;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface TailorServer {
  url: string;
  dataDir: string;
  /** An authenticated JSON call to the editor API (cookie session + CSRF header). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tailor serve exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/auth/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`tailor serve did not answer within 60 s:\n${output()}`);
}

/** Starts the real `tailor serve` on an ephemeral port with a fresh data directory. */
export async function startTailor(env: Record<string, string> = {}): Promise<TailorServer> {
  const editorDir = buildEditor();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tailor-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--no-node-snapshot', join(ROOT, 'server/bin/tailor.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TAILOR_DATA_DIR: dataDir,
      TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TAILOR_EDITOR_DIR: editorDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitReady(url, child, () => log);

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tailor-Csrf': '1' },
    body: JSON.stringify({ password: ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');

  return {
    url,
    dataDir,
    api: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          Cookie: cookie,
          'X-Tailor-Csrf': '1',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
