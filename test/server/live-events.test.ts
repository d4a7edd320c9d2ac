import type { RunEvent } from '@tailor/runtime';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer, waitFlow } from './harness.js';
import { gates } from './test-nodes.js';

let t: TestServer;
let token: string;
const sockets: Socket[] = [];

function client(): Socket {
  const socket = connect(t.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  return socket;
}

function subscribe(socket: Socket, payload: unknown): Promise<{ ok: boolean }> {
  return socket.timeout(5_000).emitWithAck('subscribe', payload);
}

function collect(socket: Socket, until: (e: RunEvent) => boolean): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  return new Promise((resolve) => {
    socket.on('run.event', (event: RunEvent) => {
      events.push(event);
      if (until(event)) resolve(events);
    });
  });
}

beforeAll(async () => {
  t = await startTestServer();
  token = (await t.admin.post<{ token: string }>('/api/auth/tokens')).body.token;
  await t.admin.post('/api/flows', echoFlow('chat'));
  await t.admin.post('/api/flows', waitFlow('held', 'live-gate'));
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
  removeDir(t.dataDir);
});

describe('live run events over socket.io', () => {
  it('refuses a client that is not signed in', async () => {
    const anonymous = connect(t.url, { transports: ['websocket'], forceNew: true });
    sockets.push(anonymous);
    const error = await new Promise<Error>((resolve) => anonymous.on('connect_error', resolve));
    expect(error.message).toContain('Sign in');
  });

  it('delivers every event of a flow to its room and of all runs to the "all" room', async () => {
    const flowWatcher = client();
    const allWatcher = client();
    await subscribe(flowWatcher, { flowId: 'chat' });
    await subscribe(allWatcher, { all: true });
    const flowEvents = collect(flowWatcher, (e) => e.type === 'run.end');
    const allEvents = collect(allWatcher, (e) => e.type === 'run.end');
    const { body } = await t.admin.post<{ runId: string }>('/api/flows/chat/runs', {
      inputs: { message: 'hello there' },
    });
    const [seen, all] = await Promise.all([flowEvents, allEvents]);
    expect(seen.every((e) => e.runId === body.runId)).toBe(true);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_e, i) => i + 1));
    expect(all.map((e) => e.seq)).toEqual(seen.map((e) => e.seq));
  });

  it('resumes a run after a reconnect from the last seq without gaps or duplicates', async () => {
    const { body } = await t.admin.post<{ runId: string }>('/api/flows/held/runs', {});
    const first = client();
    const firstEvents: RunEvent[] = [];
    first.on('run.event', (e: RunEvent) => firstEvents.push(e));
    await subscribe(first, { runId: body.runId });
    while (!gates.has('live-gate')) await new Promise((r) => setTimeout(r, 5));
    while (firstEvents.length < 3) await new Promise((r) => setTimeout(r, 5));
    first.disconnect();
    const lastSeq = firstEvents.at(-1)?.seq ?? 0;
    gates.get('live-gate')?.();
    await t.admin.waitForRun(body.runId);
    const second = client();
    const rest = collect(second, (e) => e.type === 'run.end');
    await subscribe(second, { runId: body.runId, afterSeq: lastSeq });
    const resumed = await rest;
    const seqs = [...firstEvents, ...resumed].map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    expect(resumed[0]?.seq).toBe(lastSeq + 1);
  });

  it('rejects a malformed subscription', async () => {
    const socket = client();
    expect(await subscribe(socket, { nothing: true })).toMatchObject({ ok: false });
  });
});
