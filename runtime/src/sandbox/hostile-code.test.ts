import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../contract/run-record.js';
import { type CodeSandboxHost, createCodeSandbox } from './code-sandbox.js';
import { expectFailure } from './sandbox-test-kit.js';

let sandbox: CodeSandboxHost;
beforeAll(async () => {
  sandbox = createCodeSandbox({ warmIsolates: 2, maxIsolates: 6 });
  await sandbox.ready();
});
afterAll(() => sandbox.dispose());

const limits = { timeoutMs: 300, memoryMb: 64 };
const run = (code: string, inputs: unknown = {}, options = {}) => sandbox.run(code, inputs, { ...limits, ...options });

describe('code that never stops is stopped at its time limit', () => {
  it.each([
    ['a synchronous infinite loop', 'while (true) {}'],
    ['an async loop awaiting null forever', 'while (true) await null;'],
    ['a loop that starts after an await', 'await null;\nawait Promise.resolve();\nfor (;;) {}'],
    ['a promise chain that never ends', 'const spin = () => Promise.resolve().then(spin);\nawait spin();'],
    ['a promise that never settles', 'await new Promise(() => {});'],
    ['a thenable result that never calls back', 'return { then() {} };'],
  ])('%s', async (_name, code) => {
    await expectFailure(run(code), 'SANDBOX_TIMEOUT', 'Limit: 300 ms');
  });

  it('stops a snippet that was fast before and loops now (the synchronous path overruns its budget)', async () => {
    // A generous budget, so that the quick runs surely earn the synchronous path on a busy machine.
    const fast = createCodeSandbox({ syncBudgetMs: 50, warmIsolates: 1 });
    const code = 'if (inputs.spin) for (;;) {}\nreturn "quick";';
    for (let i = 0; i < 5; i += 1) {
      await fast.ready();
      expect(await fast.run(code, { spin: false }, limits)).toBe('quick');
    }
    await fast.ready();
    await expectFailure(fast.run(code, { spin: true }, limits), 'SANDBOX_TIMEOUT', 'Limit: 300 ms');
    expect(await fast.run(code, { spin: false }, limits)).toBe('quick');
    fast.dispose();
  });
});

describe('snippets that earned the synchronous path', () => {
  it('still answer right when they await, and are stopped when they then await forever', async () => {
    const fast = createCodeSandbox({ syncBudgetMs: 50, warmIsolates: 1 });
    const code = 'await null;\nif (inputs.hang) await new Promise(() => {});\nreturn inputs.n * 2;';
    for (let n = 0; n < 6; n += 1) {
      await fast.ready();
      expect(await fast.run(code, { n }, limits)).toBe(n * 2);
    }
    await fast.ready();
    await expectFailure(fast.run(code, { n: 1, hang: true }, limits), 'SANDBOX_TIMEOUT', 'Limit: 300 ms');
    await fast.ready();
    expect(await fast.run(code, { n: 4 }, limits)).toBe(8);
    fast.dispose();
  });
});

describe('memory bombs fail with SANDBOX_MEMORY', () => {
  const memory = { memoryMb: 16, timeoutMs: 20_000 };
  it.each([
    ['a growing array', 'const list = [];\nfor (;;) list.push({ n: list.length, text: "x".repeat(32) });'],
    ['doubling a string', 'let s = "x";\nfor (;;) s += s;'],
    [
      'doubling a string that is kept flat',
      'let s = "ab";\nconst keep = [];\nfor (;;) { s = s + s; keep.push(s.toUpperCase()); }',
    ],
    ['one huge ArrayBuffer', 'return new ArrayBuffer(2 ** 31).byteLength;'],
    ['many ArrayBuffers', 'const keep = [];\nfor (;;) keep.push(new ArrayBuffer(1024 * 1024));'],
    ['a huge typed array', 'return new Float64Array(4e8).length;'],
  ])('%s', async (_name, code) => {
    await expectFailure(run(code, {}, memory), 'SANDBOX_MEMORY', 'Limit: 16 MB');
    expect(await run('return "next run is fine"', {}, memory)).toBe('next run is fine');
  });
});

describe('no way out of the isolate', () => {
  it('has no require, process, module or host globals', async () => {
    await expectFailure(
      run('return require("fs")'),
      'SANDBOX_ERROR',
      'ReferenceError: require is not defined (line 1)',
    );
    await expectFailure(run('return process.env'), 'SANDBOX_ERROR', 'ReferenceError: process is not defined');
    expect(
      await run(
        'return [typeof require, typeof process, typeof module, typeof global, typeof Buffer, typeof setTimeout, typeof fetch]',
      ),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it.each([
    ['constructor.constructor', 'return constructor.constructor("return process")()'],
    ['this.constructor.constructor', 'return this.constructor.constructor("return process")()'],
    ['the inputs object', 'return inputs.constructor.constructor("return process")()'],
    ['an async function constructor', 'return (async () => {}).constructor("return process")()'],
    ['console.log', 'return console.log.constructor("return process")()'],
  ])('reaches only the isolate through %s', async (_name, code) => {
    await expectFailure(run(code), 'SANDBOX_ERROR', 'process is not defined');
  });

  it('finds only its own global through the Function constructor', async () => {
    const code =
      'const g = this.constructor.constructor("return this")();\nreturn Object.getOwnPropertyNames(g).filter((name) => !/^[A-Z]/.test(name)).sort();';
    expect(await run(code)).toEqual(
      [
        'console',
        'decodeURI',
        'decodeURIComponent',
        'encodeURI',
        'encodeURIComponent',
        'escape',
        'eval',
        'globalThis',
        'isFinite',
        'isNaN',
        'parseFloat',
        'parseInt',
        'undefined',
        'unescape',
      ].sort(),
    );
  });

  it('gives Error.prepareStackTrace only isolate frames', async () => {
    const code = [
      'Error.prepareStackTrace = (error, frames) => frames.map((frame) => {',
      '  const fn = frame.getFunction && frame.getFunction();',
      '  const self = frame.getThis && frame.getThis();',
      '  let reach = "none";',
      '  try { reach = typeof (fn && fn.constructor("return typeof process")()); } catch (e) { reach = "threw"; }',
      '  return { file: String(frame.getScriptNameOrSourceURL()), fn: typeof fn, self: typeof self, reach, hostly: Boolean(self && self.process) };',
      '});',
      'function inner() { return new Error("probe").stack; }',
      'return inner();',
    ].join('\n');
    const frames = (await run(code)) as Array<{ file: string; fn: string; self: string; hostly: boolean }>;
    expect(frames.some((frame) => frame.file === '<code>')).toBe(true);
    for (const frame of frames) {
      expect(frame.hostly).toBe(false);
      expect(frame.file).not.toMatch(/node:|\.ts|\.js$/);
    }
    // The sandbox's own frames are strict: no function or receiver to reach through them.
    const own = frames.filter((frame) => frame.file === '<tailor>');
    expect(own.length).toBeGreaterThan(0);
    for (const frame of own) expect({ fn: frame.fn, self: frame.self }).toEqual({ fn: 'undefined', self: 'undefined' });
  });

  it('reports an error thrown under a hostile prepareStackTrace without a host stack', async () => {
    const code = 'Error.prepareStackTrace = () => { throw new Error("stack trap"); };\nthrow new Error("visible");';
    await expectFailure(run(code), 'SANDBOX_ERROR', 'visible');
  });

  it('survives an error object whose getters fight back', async () => {
    const code = 'throw { get message() { throw new Error("no"); }, get name() { for (;;) {} } };';
    await expectFailure(run(code), 'SANDBOX_TIMEOUT');
    const proxy = 'throw new Proxy({}, { get() { throw new Error("trap"); } });';
    await expectFailure(run(proxy), 'SANDBOX_ERROR');
  });
});

describe('WebAssembly, shared memory and Atomics are off', () => {
  const wasm = 'new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])';
  it.each([
    ['compiling', `return new WebAssembly.Module(${wasm});`],
    ['instantiating', `return WebAssembly.instantiate(${wasm});`],
    ['compiling asynchronously', `await WebAssembly.compile(${wasm});\nfor (;;) {}`],
    ['growing memory', 'return new WebAssembly.Memory({ initial: 1, maximum: 65536 }).grow(60000);'],
  ])('%s fails', async (_name, code) => {
    await expectFailure(run(code), 'SANDBOX_ERROR', 'WebAssembly is not defined');
  });

  it('has no SharedArrayBuffer and no Atomics.wait', async () => {
    await expectFailure(run('return new SharedArrayBuffer(8)'), 'SANDBOX_ERROR', 'SharedArrayBuffer is not defined');
    await expectFailure(run('Atomics.wait(new Int32Array(4), 0, 0)'), 'SANDBOX_ERROR', 'Atomics is not defined');
  });

  it('cannot find them again through prototypes', async () => {
    expect(await run('return [typeof globalThis.WebAssembly, typeof Reflect.get(globalThis, "Atomics")]')).toEqual([
      'undefined',
      'undefined',
    ]);
  });
});

describe('deep recursion', () => {
  it('fails with a stack overflow and its line', async () => {
    await expectFailure(
      run('function dive(n) { return dive(n + 1) + 1; }\nreturn dive(0);'),
      'SANDBOX_ERROR',
      'Maximum call stack size exceeded (line 1)',
    );
  });

  it('fails cleanly when the result is nested too deep', async () => {
    await expectFailure(
      run('let v = {};\nfor (let i = 0; i < 10000; i++) v = { v };\nreturn v;'),
      'SANDBOX_RESULT',
      'nested deeper than 200 levels',
    );
  });
});

describe('the returned value is plain JSON made inside the isolate', () => {
  it.each([
    ['a function', 'return { handler: () => 1 };', 'result.handler is a function'],
    ['a symbol', 'return [Symbol("s")];', 'result[0] is a Symbol'],
    ['a BigInt', 'return { n: 10n };', 'result.n is a BigInt'],
    ['a cycle', 'const a = { name: "a" };\na.self = a;\nreturn a;', 'result.self refers back to itself'],
    ['NaN', 'return { ratio: 0 / 0 };', 'result.ratio is NaN'],
    ['a Map', 'return new Map([[1, 2]]);', 'result is a Map'],
    [
      'a class instance',
      'class Point { constructor() { this.x = 1; } }\nreturn { p: new Point() };',
      'result.p is a Point',
    ],
    ['a typed array', 'return new Uint8Array(4);', 'result is a Uint8Array'],
  ])('refuses %s and says where it is', async (_name, code, where) => {
    await expectFailure(run(code), 'SANDBOX_RESULT', where);
  });

  it('runs toJSON, getters and then inside the isolate, under the time limit', async () => {
    expect(await run('return { toJSON() { return { seen: typeof process } } };')).toEqual({ seen: 'undefined' });
    expect(await run('return { get computed() { return typeof require; } };')).toEqual({ computed: 'undefined' });
    expect(await run('return { then(resolve) { resolve({ via: "then" }); } };')).toEqual({ via: 'then' });
    await expectFailure(run('return { toJSON() { for (;;) {} } };'), 'SANDBOX_TIMEOUT');
    await expectFailure(run('return { get slow() { for (;;) {} } };'), 'SANDBOX_TIMEOUT');
  });

  it("reads Proxies inside the isolate: traps that throw or spin are that run's problem", async () => {
    const throwing =
      'return new Proxy({}, { ownKeys() { return ["a"]; }, getOwnPropertyDescriptor() { return { value: 1, enumerable: true, configurable: true }; }, get(target, key) { if (key === "a") throw new Error("trap"); } });';
    await expectFailure(run(throwing), 'SANDBOX_RESULT', 'could not be read: trap');
    // Returning from an async function looks up `then` first: a trap there fails like a throw.
    await expectFailure(
      run('return new Proxy({}, { get() { throw new Error("then trap"); } });'),
      'SANDBOX_ERROR',
      'then trap',
    );
    await expectFailure(run('return new Proxy({}, { ownKeys() { for (;;) {} } });'), 'SANDBOX_TIMEOUT');
    expect(await run('return new Proxy({ a: 1 }, {});')).toEqual({ a: 1 });
  });

  it('ignores symbol keys, as JSON does', async () => {
    expect(await run('return { [Symbol("hidden")]: 1, shown: 2 };')).toEqual({ shown: 2 });
  });

  it('refuses a result larger than the bound before it leaves the isolate', async () => {
    await expectFailure(
      run('return "x".repeat(10 * 1024 * 1024);', {}, { timeoutMs: 5_000 }),
      'SANDBOX_RESULT',
      'larger than 4194304 bytes',
    );
    await expectFailure(
      run('return Array.from({ length: 2e6 }, (_, i) => i);', {}, { timeoutMs: 5_000 }),
      'SANDBOX_RESULT',
      'larger than',
    );
  });
});

describe('nothing leaks from one run to the next', () => {
  it('gives every run a fresh context, even on the same isolate', async () => {
    const single = createCodeSandbox({ warmIsolates: 1, maxIsolates: 1 });
    const once = (code: string) => single.run(code, {}, limits);
    await once(
      'globalThis.leak = "secret"; var declared = 1; Object.prototype.polluted = "yes"; Array.prototype.push = null; JSON.parse = () => "hacked"; console.log = null; return 1;',
    );
    expect(
      await once(
        'return [typeof leak, typeof declared, ({}).polluted === undefined, typeof [].push, JSON.parse("2"), typeof console.log];',
      ),
    ).toEqual(['undefined', 'undefined', true, 'function', 2, 'function']);
    single.dispose();
  });

  it('never pollutes the host', async () => {
    await run('Object.prototype.hostPolluted = 1; Array.prototype.hostPolluted = 1; return 1;');
    expect(({} as Record<string, unknown>).hostPolluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).hostPolluted).toBeUndefined();
  });

  it('still serialises a result after the code tampered with the built-ins it could reach', async () => {
    expect(await run('JSON.stringify = () => "forged"; Object.keys = () => []; return { a: 1 };')).toEqual({ a: 1 });
  });

  it('hides its own plumbing from user code', async () => {
    expect(await run('return [typeof __tailorRun, typeof __tailorInputs, Object.keys(globalThis)];')).toEqual([
      'undefined',
      'undefined',
      [],
    ]);
  });
});

describe('console spam', () => {
  it('is bounded and does not slow the host down', async () => {
    const logs: LogEntry[] = [];
    const result = await run(
      'for (let i = 0; i < 1e6; i++) console.log("spam", i, { i });\nreturn "done";',
      {},
      {
        timeoutMs: 5_000,
        onLog: (entry: LogEntry) => logs.push(entry),
      },
    );
    expect(result).toBe('done');
    expect(logs).toHaveLength(201);
    expect(logs.at(-1)?.message).toContain('999800 more console lines were dropped');
  });
});

describe('the host stays responsive while hostile code runs', () => {
  it('completes a host timer and another run while a snippet spins, then stops the spinner', async () => {
    const controller = new AbortController();
    let spinnerSettled = false;
    const spinner = run('for (;;) {}', {}, { timeoutMs: 30_000, signal: controller.signal }).finally(() => {
      spinnerSettled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await run('return inputs.n * 2', { n: 21 })).toBe(42);
    expect(spinnerSettled).toBe(false);
    controller.abort();
    await expectFailure(spinner, 'RUN_CANCELLED');
  });

  it('serves runs beyond the isolate limit by waiting, while hostile runs time out', async () => {
    const small = createCodeSandbox({ warmIsolates: 1, maxIsolates: 2 });
    const results = await Promise.allSettled([
      small.run('while (true) {}', {}, { timeoutMs: 200, memoryMb: 64 }),
      small.run('while (true) {}', {}, { timeoutMs: 200, memoryMb: 64 }),
      small.run('return 1', {}, limits),
      small.run('return 2', {}, { timeoutMs: 300, memoryMb: 32 }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect(small.isolates()).toBeLessThanOrEqual(2);
    // A run waiting for an isolate can be cancelled too.
    const spinning = small.run('while (true) {}', {}, { timeoutMs: 5_000, memoryMb: 64 });
    const spinning2 = small.run('while (true) {}', {}, { timeoutMs: 5_000, memoryMb: 64 });
    const controller = new AbortController();
    const waiting = small.run('return 3', {}, { ...limits, signal: controller.signal });
    controller.abort();
    await expectFailure(waiting, 'RUN_CANCELLED');
    small.dispose();
    await Promise.allSettled([spinning, spinning2]);
  });
});
