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

const manual = `# Returns

You can return any item within 30 days of delivery. Refunds reach your card in 5 working days.

# Shipping

Orders ship from Shenzhen within 24 hours; express delivery takes two days.`;

async function upload(kb: string, name: string, body: string, contentType = 'text/markdown') {
  const reply = await fetch(
    `${t.url}/api/knowledge/${kb}/documents?name=${encodeURIComponent(name)}&metadata=${encodeURIComponent('{"lang":"en"}')}`,
    {
      method: 'POST',
      headers: { cookie: t.admin.cookie, 'x-tailor-csrf': '1', 'content-type': contentType },
      body,
    },
  );
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

describe('knowledge bases over HTTP', () => {
  it('creates a base, takes an uploaded file and finds its chunks by keywords', async () => {
    expect((await t.admin.post('/api/knowledge', { name: 'help' })).status).toBe(201);
    expect((await t.admin.post('/api/knowledge', { name: 'help' })).status).toBe(409);
    const added = await upload('help', 'manual.md', manual);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ document: { name: 'manual.md', format: 'markdown' }, replaced: false });
    const found = await t.admin.post<{ hits: Array<{ text: string; document?: string }>; mode: string }>(
      '/api/knowledge/help/search',
      {
        query: 'refund card',
        topK: 1,
        debug: true,
      },
    );
    expect(found.status).toBe(200);
    expect(found.body.mode).toBe('keyword');
    expect(found.body.hits[0]?.text).toContain('Refunds reach your card');
    const listed = await t.admin.get<Array<{ name: string; documents: number }>>('/api/knowledge');
    expect(listed.body).toMatchObject([{ name: 'help', documents: 1 }]);
  });

  it('removes documents and answers 404 for what does not exist', async () => {
    expect((await t.admin.delete('/api/knowledge/help/documents/manual.md')).status).toBe(200);
    expect((await t.admin.delete('/api/knowledge/help/documents/manual.md')).status).toBe(404);
    expect((await t.admin.get('/api/knowledge/nope')).status).toBe(404);
    expect((await upload('help', 'empty.md', '')).status).toBe(400);
  });

  it('still refuses a form post to the other routes', async () => {
    const reply = await fetch(`${t.url}/api/knowledge`, {
      method: 'POST',
      headers: { cookie: t.admin.cookie, 'x-tailor-csrf': '1', 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(reply.status).toBe(415);
  });
});
