import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ProviderServer, startProviderServer } from '../../../support/index.js';

export const ROOT = resolve(import.meta.dirname, '../../../..');
const ADMIN_PASSWORD = 'widget-e2e-password';

/**
 * Everything the widget tests need, all real and all on 127.0.0.1: a freshly built widget.js,
 * `tailor serve` (temp data directory, ephemeral port) with a published chat flow whose model is
 * the local OpenAI-protocol server, a widget key for one page origin, and two web sites on ports
 * of their own — the allowed shop and a site that is not allowed.
 */
export interface WidgetWorld {
  tailor: { url: string };
  provider: ProviderServer;
  /** The allowed site (an origin listed on the key). */
  shop: Site;
  /** A site whose origin the key does not list. */
  stranger: Site;
  key: string;
  /** The key of `members-faq`, a copy of the flow that answers signed-in visitors only. */
  membersKey: string;
  /** The HS256 secret the shop's server signs visitor tokens with (stored as a credential). */
  identitySecret: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface Site {
  origin: string;
  /** Serves `html` at `path`. */
  page(path: string, html: string): string;
}

/** Builds the widget bundle into a directory of its own (the editor build empties editor/dist). */
function buildWidget(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'tailor-widget-build-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '-c',
      'vite.widget.config.ts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    { cwd: join(ROOT, 'editor'), stdio: 'inherit' },
  );
  return outDir;
}

async function startSite(): Promise<Site & { server: Server }> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const html = pages.get(req.url ?? '/');
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    origin,
    page(path, html) {
      pages.set(path, html);
      return `${origin}${path}`;
    },
  };
}

const IDENTITY_SECRET = 'acme-shop-widget-identity-secret-0123456789';

/** The shop's FAQ bot: the visitor's message goes to the model, whose answer streams back. */
export function faqFlow(id = 'shop-faq', identity?: { credential: string; required: boolean }) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: 'Shop FAQ',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
      {
        id: 'answer',
        type: 'model',
        config: {
          provider: 'openai',
          credential: 'local',
          model: 'gpt-test',
          system: 'You answer questions about the Acme shop.',
          prompt: '{{ start.message }}',
        },
      },
      {
        id: 'end',
        type: 'output',
        config: {
          value: {
            text: '{{ answer.text }}',
            sources: [{ title: 'Returns policy', url: 'https://shop.example/returns' }],
          },
        },
      },
    ],
    edges: [
      { from: 'start', to: 'answer' },
      { from: 'answer', to: 'end' },
    ],
    settings: {
      chat: true,
      widget: {
        title: 'Acme help',
        greeting: 'Hi! Ask me about **orders**, delivery and returns.',
        suggestedQuestions: ['How do returns work?', 'When will my order arrive?'],
        theme: { primary: '#0f766e' },
        ...(identity ? { identity } : {}),
      },
    },
  };
}

async function adminClient(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'X-Tailor-Csrf': '1', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

/** `tailor serve` as a user starts it, serving the widget built for this test. */
async function startTailorServe(dataDir: string, widgetDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--no-node-snapshot', join(ROOT, 'server/bin/tailor.js'), 'serve'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        TAILOR_DATA_DIR: dataDir,
        TAILOR_EDITOR_DIR: widgetDir,
        TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`tailor serve exited (${child.exitCode}):\n${output}`);
    if (waited > 60_000) throw new Error(`tailor serve did not answer within 60 s:\n${output}`);
    if (
      await fetch(`${url}/api/auth/status`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export async function startWidgetWorld(): Promise<WidgetWorld> {
  const widgetDir = buildWidget();
  const dataDir = mkdtempSync(join(tmpdir(), 'tailor-widget-e2e-'));
  const provider = await startProviderServer({ apiKey: 'sk-local-test' });
  const tailor = await startTailorServe(dataDir, widgetDir);
  const api = await adminClient(tailor.url);
  await api('POST', '/api/credentials', {
    id: 'local',
    kind: 'api-key',
    provider: 'openai',
    apiKey: 'sk-local-test',
    baseUrl: provider.openaiBaseUrl,
  });
  const shop = await startSite();
  const stranger = await startSite();
  await api('POST', '/api/flows', faqFlow());
  await api('POST', '/api/flows/shop-faq/versions', { note: 'live' });
  const { key } = await api<{ key: string }>('POST', '/api/keys', { flowId: 'shop-faq', origins: [shop.origin] });
  await api('POST', '/api/credentials', { id: 'shop-identity', kind: 'api-key', apiKey: IDENTITY_SECRET });
  await api('POST', '/api/flows', faqFlow('members-faq', { credential: 'shop-identity', required: true }));
  await api('POST', '/api/flows/members-faq/versions', { note: 'live' });
  const members = await api<{ key: string }>('POST', '/api/keys', { flowId: 'members-faq', origins: [shop.origin] });
  return {
    tailor,
    provider,
    shop,
    stranger,
    key,
    membersKey: members.key,
    identitySecret: IDENTITY_SECRET,
    api,
    async close() {
      await tailor.stop();
      await provider.close();
      for (const site of [shop, stranger]) {
        site.server.closeAllConnections();
        await new Promise((done) => site.server.close(done));
      }
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(widgetDir, { recursive: true, force: true });
    },
  };
}
