import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands, runCli } from '@tailor/server/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../cli/memory-io.js';
import { removeDir, startTestServer, type TestServer } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tailor-fac-'));
const flow = {
  schema: 'tailor.flow/v1',
  id: 'greet',
  name: 'Greet',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string' }] } },
    { id: 'end', type: 'output', config: { value: 'Hi {{ start.message }}' } },
  ],
  edges: [{ from: 'start', to: 'end' }],
};
writeFileSync(join(dir, 'greet.json'), JSON.stringify(flow));
writeFileSync(
  join(dir, 'broken.json'),
  JSON.stringify({ ...flow, id: 'broken', edges: [{ from: 'start', to: 'ghost' }] }),
);

async function tailor(...argv: string[]) {
  const io = memoryIo(dir);
  const status = await runCli(argv, { ...io, env: { ...io.env, TAILOR_DATA_DIR: join(dir, 'data') } }, commands);
  return { status, out: io.out(), err: io.err() };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
  removeDir(dir);
});

describe('flows as code on the local data directory', () => {
  it('pushes, publishes and lists flows', async () => {
    const pushed = await tailor('flow', 'push', 'greet.json', '--publish');
    expect(pushed).toMatchObject({ status: 0 });
    expect(pushed.out).toContain('greet: created (revision 1), published as version 1');
    expect((await tailor('flow', 'push', 'greet.json')).out).toContain('greet: updated (revision 2)');
    expect((await tailor('flow', 'list')).out).toMatch(/greet\s+Greet\s+published v1/);
  });

  it('saves a broken draft but refuses to publish it, naming the problem', async () => {
    const pushed = await tailor('flow', 'push', 'broken.json', '--publish');
    expect(pushed.status).toBe(2);
    expect(pushed.err).toContain('ghost');
    expect(pushed.err).toContain('not published');
  });

  it('creates keys and admin tokens, and lists runs', async () => {
    const key = await tailor(
      'key',
      'create',
      '--flow',
      'greet',
      '--origin',
      'https://a.example',
      '--origin',
      'https://b.example',
    );
    expect(key.out.trim()).toMatch(/^tk_[\w-]+$/);
    expect((await tailor('key', 'create', '--flow', 'missing')).status).toBe(2);
    expect((await tailor('key', 'create', '--admin')).out.trim()).toMatch(/^ta_/);
    expect((await tailor('runs', 'list')).out).toContain('No runs match.');
    expect((await tailor('runs', 'list', '--status', 'bogus')).status).toBe(2);
  });
});

describe('flows as code on a running server', () => {
  it('acts through the HTTP API with an admin token', async () => {
    const { body } = await t.admin.post<{ token: string }>('/api/auth/tokens');
    const remote = ['--server', t.url, '--token', body.token];
    expect((await tailor('flow', 'push', 'greet.json', '--publish', ...remote)).out).toContain(
      'published as version 1',
    );
    const key = (await tailor('key', 'create', '--flow', 'greet', ...remote)).out.trim();
    const reply = await fetch(`${t.url}/v1/flows/greet/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { message: 'code' } }),
    });
    expect(await reply.json()).toMatchObject({ output: 'Hi code' });
    const runs = await tailor('runs', 'list', '--flow', 'greet', '--json', ...remote);
    expect(JSON.parse(runs.out)).toMatchObject([{ flowId: 'greet', status: 'succeeded', source: 'api' }]);
    const refused = await tailor('flow', 'list', '--server', t.url, '--token', 'ta_wrong');
    expect(refused.status).toBe(1);
    expect(refused.err).toContain('--token');
  });
});
