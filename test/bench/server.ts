import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@tailor/runtime';
import { createSqliteStorage, openSqlite, RunFilterSchema } from '@tailor/server';
import autocannon from 'autocannon';
import { io as connect, type Socket } from 'socket.io-client';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

type RunFilterInput = import('zod').input<typeof RunFilterSchema>;

/**
 * The server under load, as deployed: `tailor serve` in its own process (SQLite, in-process runs,
 * every run recorded), driven from this process over 127.0.0.1.
 */
const TAILOR = fileURLToPath(new URL('../../server/bin/tailor.js', import.meta.url));
const PASSWORD = 'bench password 1';
const LOAD_SECONDS = 10;

interface Served {
  url: string;
  child: ChildProcess;
  dataDir: string;
}

async function serve(): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tailor-bench-'));
  const child = spawn(process.execPath, ['--no-node-snapshot', TAILOR, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      TAILOR_DATA_DIR: dataDir,
      TAILOR_ADMIN_PASSWORD: PASSWORD,
      TAILOR_RATE_LIMIT_KEY: '100000000',
      TAILOR_RATE_LIMIT_IP: '100000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (\S+) /.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`tailor serve exited (${code})`)));
  });
  return { url, child, dataDir };
}

async function stop(served: Served): Promise<void> {
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGINT');
  await exited;
  rmSync(served.dataDir, { recursive: true, force: true });
}

/** Signs in, creates and publishes the flow, makes a key and an admin token. */
async function prepare(url: string, flow: unknown): Promise<{ key: string; token: string }> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const post = async (path: string, body: unknown) => {
    const reply = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-tailor-csrf': '1', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (reply.status >= 300) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
    return reply.json() as Promise<Record<string, string>>;
  };
  const id = (flow as { id: string }).id;
  await post('/api/flows', flow);
  await post(`/api/flows/${id}/versions`, { note: 'bench' });
  const { key } = await post('/api/keys', { flowId: id });
  const { token } = await post('/api/auth/tokens', {});
  return { key: key ?? '', token: token ?? '' };
}

/** input → 8 templates in a chain → output: ten nodes. */
function tenNodeFlow() {
  const templates = Array.from({ length: 8 }, (_, i) => ({
    id: `t${i}`,
    type: 'template',
    config: { template: i === 0 ? 'Q: {{ start.message }}' : `{{ t${i - 1}.text }} +${i}` },
  }));
  return {
    schema: 'tailor.flow/v1',
    id: 'ten',
    name: 'Ten nodes',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string' }] } },
      ...templates,
      { id: 'end', type: 'output', config: { value: { text: '{{ t7.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 't0' },
      ...templates.slice(1).map((node, i) => ({ from: `t${i}`, to: node.id })),
      { from: 't7', to: 'end' },
    ],
  };
}

/**
 * CPU milliseconds the server process has used, all threads and only its main thread (Linux
 * /proc; NaN elsewhere). Per request this is steadier than req/s on a busy machine.
 */
function cpuMs(pid: number | undefined): { all: number; main: number } {
  const read = (file: string) => {
    const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
  };
  try {
    return { all: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return { all: Number.NaN, main: Number.NaN };
  }
}

async function load(url: string, path: string, body: string, headers: Record<string, string>) {
  return autocannon({
    url: `${url}${path}`,
    method: 'POST',
    connections: 50,
    duration: LOAD_SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** The floor: a bare node:http server answering the same request with a fixed JSON body. */
async function bareFloor(): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"succeeded","output":{"text":"ok"}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result = await load(`http://127.0.0.1:${port}`, '/', '{}', {});
  await new Promise((resolve) => server.close(resolve));
  return result.requests.average;
}

async function countRuns(url: string, token: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const reply = await fetch(
      `${url}/api/runs?flowId=ten&status=succeeded&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const page = (await reply.json()) as { runs: unknown[]; nextCursor: string | null };
    count += page.runs.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

async function publishedThroughput(): Promise<BenchRow[]> {
  const served = await serve();
  try {
    const { key, token } = await prepare(served.url, tenNodeFlow());
    const body = JSON.stringify({ inputs: { message: 'how fast?' } });
    const headers = { authorization: `Bearer ${key}` };
    await load(served.url, '/v1/flows/ten/run', body, headers).catch(() => undefined); // warm-up (JIT, caches)
    const before = await countRuns(served.url, token);
    const cpuBefore = cpuMs(served.child.pid);
    const result = await load(served.url, '/v1/flows/ten/run', body, headers);
    const cpuAfter = cpuMs(served.child.pid);
    const recorded = (await countRuns(served.url, token)) - before;
    const answered = result['2xx'];
    const floor = await bareFloor();
    return [
      {
        area: 'server',
        metric: 'published run, 10-node flow, recorded (c=50)',
        value: result.requests.average,
        unit: 'req/s',
        floor,
        goal: '≥ 5,000',
      },
      { area: 'server', metric: 'published run p99 latency (c=50)', value: result.latency.p99, unit: 'ms' },
      {
        area: 'server',
        metric: 'server CPU per published run, all threads',
        value: ((cpuAfter.all - cpuBefore.all) * 1000) / answered,
        unit: 'µs',
        goal: '< 400 (5,000/s on 2 cores)',
      },
      {
        area: 'server',
        metric: 'server CPU per published run, main thread',
        value: ((cpuAfter.main - cpuBefore.main) * 1000) / answered,
        unit: 'µs',
        goal: '< 200',
      },
      {
        area: 'server',
        // autocannon stops counting at the deadline while the last requests still finish, so
        // recorded runs may exceed the answers it counted; what matters is that none is missing
        metric: 'answered runs missing from the record',
        value: Math.max(0, answered - recorded),
        unit: 'count',
        goal: '0',
      },
      { area: 'server', metric: 'non-2xx answers', value: result.non2xx + result.errors, unit: 'count', goal: '0' },
    ];
  } finally {
    await stop(served);
  }
}

async function fanOut(): Promise<BenchRow[]> {
  const served = await serve();
  const sockets: Socket[] = [];
  try {
    const { key, token } = await prepare(served.url, tenNodeFlow());
    const delays: number[] = [];
    let received = 0;
    for (let i = 0; i < 200; i++) {
      const socket = connect(served.url, {
        path: '/socket.io',
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
      });
      socket.on('run.event', (event: RunEvent) => {
        received += 1;
        delays.push(Date.now() - event.at);
      });
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => socket.timeout(10_000).emitWithAck('subscribe', { all: true })));
    const started = performance.now();
    const runs = 300;
    for (let batch = 0; batch < runs / 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${served.url}/v1/flows/ten/run`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ inputs: { message: 'fan out' } }),
          }).then((reply) => reply.text()),
        ),
      );
    }
    const perRun = 22; // run.start, start/end of each of the 10 nodes, run.end
    const expected = runs * perRun * sockets.length;
    while (received < expected && performance.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    delays.sort((a, b) => a - b);
    return [
      { area: 'server', metric: 'socket.io fan-out to 200 clients', value: received / seconds, unit: 'events/s' },
      {
        area: 'server',
        metric: 'socket.io fan-out p99 delay (event → client)',
        value: percentile(delays, 99),
        unit: 'ms',
      },
      {
        area: 'server',
        metric: 'socket.io events delivered / expected',
        value: (100 * received) / expected,
        unit: '%',
        goal: '100',
      },
    ];
  } finally {
    for (const socket of sockets) socket.disconnect();
    await stop(served);
  }
}

/** A million recorded runs written straight into a fresh database (what months of traffic leave). */
function fillRuns(dir: string, count: number): void {
  const db = openSqlite(join(dir, 'tailor.db'));
  const insert = db.prepare(
    `INSERT INTO runs (id, flow_id, status, source, started_at, ended_at, duration_ms, inputs, output, nodes)
     VALUES (?, ?, ?, 'api', ?, ?, ?, ?, '"ok"', '[]')`,
  );
  const text = db.prepare('INSERT INTO runs_text (run_id, body) VALUES (?, ?)');
  const statuses = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'cancelled'];
  const words = ['parcel', 'refund', 'invoice', 'delivery', 'password', 'warranty', 'discount', 'return'];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `run-${String(i).padStart(7, '0')}`;
      const inputs = `{"message":"question ${i} about ${words[i % 8]} and ${words[(i * 7) % 8]}"}`;
      const at = 1_700_000_000_000 + i * 1000;
      insert.run(id, `flow-${i % 20}`, statuses[i % 6], at, at + (i % 900), i % 900, inputs);
      text.run(id, inputs);
    }
  })();
  db.close();
}

/** The ops dashboard's list over a million runs: one page, with each kind of filter. */
async function millionRuns(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-bench-runs-'));
  try {
    fillRuns(dir, 1_000_000);
    const storage = createSqliteStorage(dir);
    const filters: Array<[string, Partial<RunFilterInput>]> = [
      ['newest', {}],
      ['by flow and status', { flowId: 'flow-7', status: 'cancelled' }],
      ['slower than 850 ms', { minDurationMs: 850 }],
      ['text "warranty"', { q: 'warranty' }],
    ];
    const rows: BenchRow[] = [];
    for (const [name, filter] of filters) {
      const times: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        const page = await storage.runs.list(
          RunFilterSchema.parse({ limit: 50, ...filter, ...(cursor ? { cursor } : {}) }),
        );
        times.push(performance.now() - started);
        cursor = i % 10 === 9 ? null : page.nextCursor; // first pages and deeper ones
      }
      times.sort((a, b) => a - b);
      rows.push({
        area: 'server',
        metric: `runs list, 1M runs, page of 50: ${name} (p99)`,
        value: percentile(times, 99),
        unit: 'ms',
        goal: '< 50',
      });
    }
    await storage.close();
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const area: BenchArea = {
  name: 'server',
  async run() {
    return [...(await publishedThroughput()), ...(await fanOut()), ...(await millionRuns())];
  },
};
export default area;
