import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createModelProviders, ModelProvidersService, staticCredentials } from '@tailor/nodes';
import { ServiceRegistry } from '@tailor/runtime';
import { type RunningServer, readConfig, startServer } from '@tailor/server';
import { type ProviderServer, startProviderServer } from '../../../support/index.js';

export const ROOT = resolve(import.meta.dirname, '../../../..');
const ADMIN_PASSWORD = 'widget-e2e-password';

/**
 * Everything the widget tests need, all real and all on 127.0.0.1: a freshly built widget.js, the
 * Tailor server (temp data directory, ephemeral port) with a published chat flow whose model is
 * the local OpenAI-protocol server, a widget key for one page origin, and two web sites on ports
 * of their own — the allowed shop and a site that is not allowed.
 */
export interface WidgetWorld {
  tailor: RunningServer;
  provider: ProviderServer;
  /** The allowed site (an origin listed on the key). */
  shop: Site;
  /** A site whose origin the key does not list. */
  stranger: Site;
  key: string;
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

/** The shop's FAQ bot: the visitor's message goes to the model, whose answer streams back. */
export function faqFlow() {
  return {
    schema: 'tailor.flow/v1',
    id: 'shop-faq',
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

export async function startWidgetWorld(): Promise<WidgetWorld> {
  const widgetDir = buildWidget();
  const dataDir = mkdtempSync(join(tmpdir(), 'tailor-widget-e2e-'));
  const provider = await startProviderServer({ apiKey: 'sk-local-test' });
  const services = new ServiceRegistry();
  services.provide(
    ModelProvidersService,
    createModelProviders(
      staticCredentials([
        { id: 'local', kind: 'api-key', provider: 'openai', apiKey: 'sk-local-test', baseUrl: provider.openaiBaseUrl },
      ]),
    ),
  );
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TAILOR_DATA_DIR: dataDir,
    TAILOR_EDITOR_DIR: widgetDir,
    TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  const tailor = await startServer({ config, services, log: () => undefined });
  const api = await adminClient(tailor.url);
  const shop = await startSite();
  const stranger = await startSite();
  await api('POST', '/api/flows', faqFlow());
  await api('POST', '/api/flows/shop-faq/versions', { note: 'live' });
  const { key } = await api<{ key: string }>('POST', '/api/keys', { flowId: 'shop-faq', origins: [shop.origin] });
  return {
    tailor,
    provider,
    shop,
    stranger,
    key,
    api,
    async close() {
      await tailor.close();
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
