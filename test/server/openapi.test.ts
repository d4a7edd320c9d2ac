import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './harness.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

type Operation = { summary: string; responses: Record<string, unknown>; requestBody?: unknown; security: unknown[] };

describe('OpenAPI document', () => {
  it('lists every route the server answers, each with a summary and responses', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const { api } = await import('@tailor/server').then(async (server) => server.createApp(t.server.context));
    const served = api.routes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(served.sort());
    for (const needed of [
      'post /api/flows',
      'put /api/flows/{id}',
      'get /api/runs',
      'post /api/runs/{id}/rerun',
      'post /v1/flows/{flowId}/run',
      'post /v1/chat/completions',
      'post /api/keys',
      'get /api/catalogue',
    ]) {
      expect(documented).toContain(needed);
    }
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.summary.length).toBeGreaterThan(5);
        expect(Object.keys(op.responses).length).toBeGreaterThan(1);
      }
    }
  });

  it('derives schemas from the zod schemas (bodies and query filters)', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: Array<{ name: string }>;
            requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
          }
        >
      >;
    };
    const list = doc.paths['/api/runs']?.get;
    expect(list?.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'flowId',
        'status',
        'from',
        'to',
        'minDurationMs',
        'maxDurationMs',
        'q',
        'cursor',
        'limit',
      ]),
    );
    const chat = doc.paths['/v1/chat/completions']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(chat?.properties ?? {})).toEqual(expect.arrayContaining(['model', 'messages', 'stream']));
  });
});
