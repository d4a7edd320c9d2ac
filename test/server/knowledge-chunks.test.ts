import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './harness.js';

/** `GET /api/knowledge/:kb/documents/:doc/chunks`: the chunks a stored document became (the preview). */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

const manual = '# Returns\n\nAny item within 30 days.\n\n# Shipping\n\nOrders ship within 24 hours.';

describe('chunk preview over HTTP', () => {
  it('lists the chunks of a stored document with their heading paths, and 404 for an unknown one', async () => {
    await t.admin.post('/api/knowledge', { name: 'help' });
    const upload = await fetch(`${t.url}/api/knowledge/help/documents?name=manual.md`, {
      method: 'POST',
      headers: { cookie: t.admin.cookie, 'x-tailor-csrf': '1', 'content-type': 'text/markdown' },
      body: manual,
    });
    expect(upload.status).toBe(201);
    const reply = await t.admin.get<{
      document: { name: string; chunks: number };
      chunks: Array<{ text: string; headingPath: string[]; position: number }>;
      total: number;
    }>('/api/knowledge/help/documents/manual.md/chunks');
    expect(reply.status).toBe(200);
    expect(reply.body.document).toMatchObject({ name: 'manual.md' });
    expect(reply.body.total).toBe(reply.body.document.chunks);
    expect(reply.body.chunks.map((chunk) => chunk.text).join('\n')).toContain('Orders ship within 24 hours');
    expect(reply.body.chunks.some((chunk) => chunk.headingPath.includes('Shipping'))).toBe(true);
    const limited = await t.admin.get<{ chunks: unknown[] }>('/api/knowledge/help/documents/manual.md/chunks?limit=1');
    expect(limited.body.chunks).toHaveLength(1);
    expect((await t.admin.get('/api/knowledge/help/documents/nope.md/chunks')).status).toBe(404);
  });
});
