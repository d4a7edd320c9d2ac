import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TailorError } from '../contract/error-codes.js';
import type { LogEntry } from '../contract/run-record.js';
import { type CodeSandboxHost, createCodeSandbox } from './code-sandbox.js';
import { expectFailure } from './sandbox-test-kit.js';

let sandbox: CodeSandboxHost;
beforeAll(async () => {
  sandbox = createCodeSandbox({ maxLogLines: 5, maxLogLineChars: 40 });
  await sandbox.ready();
});
afterAll(() => sandbox.dispose());

const limits = { timeoutMs: 2_000, memoryMb: 64 };
const run = (code: string, inputs: unknown = {}, options = {}) => sandbox.run(code, inputs, { ...limits, ...options });

describe('running a snippet', () => {
  it('returns what the body of the async function returns', async () => {
    expect(await run('return inputs.a + inputs.b', { a: 2, b: 3 })).toBe(5);
  });

  it('lets the code await and returns nested JSON data', async () => {
    const code =
      'const items = await Promise.all(inputs.list.map(async (x) => x * 2));\nreturn { items, total: items.reduce((a, b) => a + b, 0) };';
    expect(await run(code, { list: [1, 2, 3] })).toEqual({ items: [2, 4, 6], total: 12 });
  });

  it('returns null when the code returns nothing, and drops undefined fields like JSON does', async () => {
    expect(await run('const x = 1;')).toBeNull();
    expect(await run('return { a: undefined, b: [undefined, 1] }')).toEqual({ b: [null, 1] });
  });

  it('turns dates into ISO text through toJSON', async () => {
    expect(await run('return { at: new Date(0) }')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('gets the inputs as a copy: changing them inside leaves the host value alone', async () => {
    const inputs = { list: [1, 2] };
    expect(await run('inputs.list.push(3); inputs.extra = true; return inputs', inputs)).toEqual({
      list: [1, 2, 3],
      extra: true,
    });
    expect(inputs).toEqual({ list: [1, 2] });
  });

  it('refuses inputs that are not JSON data before running anything', async () => {
    await expectFailure(run('return 1', { big: 1n }), 'CONFIG_INVALID', 'not JSON data');
  });

  it('refuses code longer than the limit', async () => {
    const small = createCodeSandbox({ maxCodeChars: 10, warmIsolates: 0 });
    await expectFailure(small.run('return "far too long"', {}, limits), 'CONFIG_INVALID', 'limit is 10');
    small.dispose();
  });
});

describe('console', () => {
  it('hands console lines to onLog with their level', async () => {
    const logs: LogEntry[] = [];
    await run(
      'console.log("sum", 1 + 1, { a: [1, "x"] }); console.warn("careful"); console.error(new TypeError("bad")); return 1',
      {},
      {
        onLog: (entry: LogEntry) => logs.push(entry),
      },
    );
    expect(logs.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'info', message: 'sum 2 { a: [ 1, "x" ] }' },
      { level: 'warn', message: 'careful' },
      { level: 'error', message: 'TypeError: bad' },
    ]);
  });

  it('bounds the number and length of lines and says how many were dropped', async () => {
    const logs: LogEntry[] = [];
    const result = await run(
      'for (let i = 0; i < 100000; i++) console.log("line", i, "x".repeat(100)); return "done"',
      {},
      {
        onLog: (entry: LogEntry) => logs.push(entry),
      },
    );
    expect(result).toBe('done');
    expect(logs).toHaveLength(6);
    expect(logs[0]?.message).toBe(`line 0 ${'x'.repeat(33)}…`);
    expect(logs[5]).toMatchObject({
      level: 'warn',
      message: '… 99995 more console lines were dropped (limit reached).',
    });
  });

  it('keeps the lines written before the time limit stopped a loop', async () => {
    const logs: LogEntry[] = [];
    await expectFailure(
      run(
        'console.log("starting");\nfor (let i = 0; ; i++) if (i === 1000) console.warn("still going");',
        {},
        {
          timeoutMs: 100,
          onLog: (entry: LogEntry) => logs.push(entry),
        },
      ),
      'SANDBOX_TIMEOUT',
    );
    expect(logs.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'info', message: 'starting' },
      { level: 'warn', message: 'still going' },
    ]);
  });

  it('keeps the lines written before the code threw', async () => {
    const logs: LogEntry[] = [];
    await expectFailure(
      run('console.log("before"); throw new Error("after")', {}, { onLog: (entry: LogEntry) => logs.push(entry) }),
      'SANDBOX_ERROR',
    );
    expect(logs.map((entry) => entry.message)).toEqual(['before']);
  });
});

describe('errors name the cause and the line of the snippet', () => {
  it('reports a thrown error with its line', async () => {
    const failure = await expectFailure(
      run('const a = 1;\nconst b = 2;\nthrow new Error("bad input");'),
      'SANDBOX_ERROR',
      'Error: bad input (line 3)',
    );
    expect(failure.details).toMatchObject({ line: 3 });
  });

  it('reports a runtime TypeError at the line where it happened', async () => {
    await expectFailure(
      run('const user = null;\n\nreturn user.name;'),
      'SANDBOX_ERROR',
      "TypeError: Cannot read properties of null (reading 'name') (line 3)",
    );
  });

  it('reports a syntax error with its line, without the host stack', async () => {
    await expectFailure(run('const ok = 1;\nconst broken = ;'), 'SANDBOX_ERROR', 'SyntaxError', '(line 2)');
  });

  it('reports a thrown non-error value', async () => {
    await expectFailure(run('throw "plain text"'), 'SANDBOX_ERROR', 'plain text');
  });

  it('keeps a trailing comment from swallowing the wrapper', async () => {
    expect(await run('return 7 // trailing comment')).toBe(7);
  });
});

describe('limits', () => {
  it('lowers a time limit above the server maximum to it, and says so', async () => {
    const strict = createCodeSandbox({ maxTimeoutMs: 200, warmIsolates: 1 });
    await expectFailure(
      strict.run('while (true) {}', {}, { timeoutMs: 60_000, memoryMb: 64 }),
      'SANDBOX_TIMEOUT',
      'Limit: 200 ms',
    );
    strict.dispose();
  });

  it('refuses new runs once disposed', async () => {
    const closed = createCodeSandbox({ warmIsolates: 0 });
    closed.dispose();
    await expect(closed.run('return 1', {}, limits)).rejects.toThrow('closed');
  });
});

describe('cancellation', () => {
  it('stops running code promptly when the signal aborts', async () => {
    const controller = new AbortController();
    const running = run('while (true) {}', {}, { timeoutMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expectFailure(running, 'RUN_CANCELLED');
    expect(await run('return "still fine"')).toBe('still fine');
  });

  it('stops code waiting forever when the signal aborts', async () => {
    const controller = new AbortController();
    const running = run('await new Promise(() => {})', {}, { timeoutMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expectFailure(running, 'RUN_CANCELLED');
  });

  it('does not start when the signal is already aborted, and passes on a Tailor reason', async () => {
    await expectFailure(run('return 1', {}, { signal: AbortSignal.abort() }), 'RUN_CANCELLED');
    const reason = new TailorError('NODE_TIMEOUT');
    const controller = new AbortController();
    controller.abort(reason);
    await expect(run('return 1', {}, { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe('contexts bound to a snippet ahead of its run', () => {
  it('give the same results, errors and line numbers as the first run, with fresh state each time', async () => {
    const single = createCodeSandbox({ warmIsolates: 1, maxIsolates: 1 });
    const code =
      'globalThis.count = (globalThis.count ?? 0) + 1;\nif (inputs.n > 2) throw new RangeError("too big");\nreturn { twice: inputs.n * 2, count, plumbing: [typeof __tailorRun, typeof __tailorInputs, Object.keys(globalThis)] };';
    for (let i = 0; i < 4; i += 1) {
      await single.ready();
      expect(await single.run(code, { n: 1 }, limits)).toEqual({
        twice: 2,
        count: 1,
        plumbing: ['undefined', 'undefined', ['count']],
      });
      await single.ready();
      await expectFailure(single.run(code, { n: 3 }, limits), 'SANDBOX_ERROR', 'RangeError: too big (line 2)');
    }
    single.dispose();
  });

  it('settle a thenable returned by a snippet without await, and stop one that never settles', async () => {
    const single = createCodeSandbox({ warmIsolates: 1, maxIsolates: 1 });
    const cases: Array<[string, unknown]> = [
      ['return Promise.resolve(inputs.n).then((n) => n + 1);', 2],
      ['return { then(resolve) { resolve(inputs.n * 10); } };', 10],
    ];
    for (const [code, expected] of cases) {
      for (let i = 0; i < 3; i += 1) {
        await single.ready();
        expect(await single.run(code, { n: 1 }, limits)).toBe(expected);
      }
    }
    for (let i = 0; i < 2; i += 1) {
      await single.ready();
      await expectFailure(
        single.run('return new Promise(() => {});', {}, { timeoutMs: 100, memoryMb: 64 }),
        'SANDBOX_TIMEOUT',
      );
    }
    await single.ready();
    await expectFailure(single.run('return Promise.reject(new Error("later"));', {}, limits), 'SANDBOX_ERROR', 'later');
    single.dispose();
  });

  it('refuse a snippet that closes its function early, naming the problem', async () => {
    const closesEarly = '}); for (;;) {} (async function () {';
    await expectFailure(run(closesEarly), 'SANDBOX_ERROR', 'closes its function early');
    await expectFailure(run('return 1; }'), 'SANDBOX_ERROR', 'closes its function early');
  });
});

describe('the pool', () => {
  it('replaces an isolate stopped by a time limit', async () => {
    const pool = createCodeSandbox({ warmIsolates: 2 });
    await pool.ready();
    expect(pool.isolates()).toBe(2);
    await expectFailure(pool.run('for (;;) {}', {}, { timeoutMs: 50, memoryMb: 64 }), 'SANDBOX_TIMEOUT');
    await new Promise((resolve) => setImmediate(resolve));
    await pool.ready();
    expect(pool.isolates()).toBe(2);
    expect(await pool.run('return "replaced"', {}, limits)).toBe('replaced');
    pool.dispose();
  });

  it('keeps separate isolates for separate memory limits', async () => {
    const pool = createCodeSandbox({ warmIsolates: 1 });
    await pool.ready();
    expect(await pool.run('return 1', {}, { timeoutMs: 1_000, memoryMb: 16 })).toBe(1);
    expect(pool.isolates()).toBe(2);
    pool.dispose();
  });

  it('stops runs in progress when disposed', async () => {
    const pool = createCodeSandbox({ warmIsolates: 1 });
    const running = pool.run('for (;;) {}', {}, { timeoutMs: 30_000, memoryMb: 64 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    pool.dispose();
    await expectFailure(running, 'SANDBOX_ERROR', 'shut down');
    expect(pool.isolates()).toBe(0);
  });
});
