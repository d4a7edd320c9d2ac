import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, readConfig, type ServerOptions, startServer } from '@tailor/server';
import { testCatalogue } from './test-nodes.js';

export const ADMIN_PASSWORD = 'correct horse battery';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  admin: AdminClient;
  close(): Promise<void>;
}

/** A server on an ephemeral 127.0.0.1 port with its own data directory. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: Partial<ServerOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'tailor-server-')),
): Promise<TestServer> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TAILOR_DATA_DIR: dataDir,
    TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...env,
  });
  const server = await startServer({ config, catalogue: testCatalogue, log: () => undefined, ...options });
  const admin = new AdminClient(server.url);
  await admin.login();
  return {
    server,
    url: server.url,
    dataDir,
    admin,
    async close() {
      await server.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The editor's view of the API: session cookie plus the CSRF header on writes. */
export class AdminClient {
  readonly url: string;
  cookie = '';

  constructor(url: string) {
    this.url = url;
  }

  async login(password = ADMIN_PASSWORD): Promise<void> {
    const reply = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    if (reply.status !== 200) throw new Error(`login failed: ${reply.status}`);
    this.cookie = (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const reply = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-tailor-csrf': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await reply.text();
    return { status: reply.status, body: (text ? JSON.parse(text) : undefined) as T, headers: reply.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  put<T = unknown>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }

  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Polls the run record until it has ended (runs are asynchronous by design). */
  async waitForRun(runId: string): Promise<{
    status: string;
    output?: unknown;
    nodes: Array<{ nodeId: string; status: string; pinned?: boolean; output?: unknown }>;
  }> {
    for (;;) {
      const { body } = await this.get<{
        status: string;
        output?: unknown;
        nodes: Array<{ nodeId: string; status: string }>;
      }>(`/api/runs/${runId}`);
      if (body.status !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Flow documents used across the server tests. */
export function echoFlow(id = 'echo') {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: 'Echo',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
      { id: 'shout', type: 'template', config: { template: 'You said: {{ start.message }}' } },
      { id: 'answer', type: 'test-stream', config: { text: '{{ shout.text }}' } },
      { id: 'end', type: 'output', config: { value: { text: '{{ answer.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 'shout' },
      { from: 'shout', to: 'answer' },
      { from: 'answer', to: 'end' },
    ],
    settings: { chat: true },
  };
}

export function waitFlow(id = 'waiting', gate = 'g1') {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: 'Waits',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [] } },
      { id: 'hold', type: 'test-wait', config: { gate } },
      { id: 'end', type: 'output', config: { value: 'released' } },
    ],
    edges: [
      { from: 'start', to: 'hold' },
      { from: 'hold', to: 'end' },
    ],
  };
}
