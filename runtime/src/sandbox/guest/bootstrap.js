// Runs inside the isolate, once per fresh context, before any user code. It is plain JavaScript
// text (never imported by the host): guest-source.ts reads it and wraps it as
// `(<this function>)(globalThis, <limits as JSON>)`.
//
// It installs `console` (lines kept in this context, bounded), removes what user code must not
// have (WebAssembly, shared memory) and returns the function that binds a snippet to this context.
// Everything the host receives is one JSON string made here, so no user getter, toJSON, Proxy trap or `then`
// ever runs outside the isolate or outside the time limit. The script is strict (guest-source.ts
// says so), which keeps these frames' functions and receivers out of reach of
// Error.prepareStackTrace call sites.
(function tailorBootstrap(global, limits) {
  const { parse, stringify } = JSON;
  const { keys, getPrototypeOf, defineProperty } = Object;
  const { isArray } = Array;
  const { isFinite: finite } = Number;
  const { apply } = Reflect;
  const objectPrototype = Object.prototype;
  const StringOf = String;
  const now = Date.now;
  const FUNCTION_NAME = /^[\w$]*$/;

  // Off: WebAssembly (memory outside the JS heap, compiling that resumes after the call) and shared
  // memory (Atomics.wait would block the isolate's thread).
  for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics']) delete global[name];

  const logs = [];
  let dropped = 0;

  function clip(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
  }

  function describeObject(value, depth, seen) {
    if (typeof value === 'function')
      return `[Function${FUNCTION_NAME.test(value.name) && value.name ? `: ${value.name}` : ''}]`;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (seen.includes(value)) return '[Circular]';
    if (depth > 2) return isArray(value) ? '[Array]' : '[Object]';
    seen.push(value);
    const parts = [];
    const list = isArray(value);
    const names = list ? [] : keys(value);
    const count = list ? value.length : names.length;
    for (let i = 0; i < count && i < 50; i += 1) {
      const item = list ? value[i] : value[names[i]];
      const shown = typeof item === 'string' ? stringify(item) : formatValue(item, depth + 1, seen);
      parts[parts.length] = list ? shown : `${names[i]}: ${shown}`;
    }
    if (count > 50) parts[parts.length] = `… ${count - 50} more`;
    seen.pop();
    return list ? `[ ${parts.join(', ')} ]` : `{ ${parts.join(', ')} }`;
  }

  function formatValue(value, depth, seen) {
    try {
      if (typeof value === 'string') return value;
      if (typeof value === 'bigint') return `${value}n`;
      if (typeof value === 'symbol') return value.toString();
      if (value === null || typeof value !== 'object') {
        return typeof value === 'function' ? describeObject(value, depth, seen) : StringOf(value);
      }
      return describeObject(value, depth, seen);
    } catch {
      return '[unprintable]';
    }
  }

  function writeLog(level, args) {
    if (logs.length >= limits.maxLogLines) {
      dropped += 1;
      return;
    }
    const parts = [];
    for (let i = 0; i < args.length; i += 1) parts[i] = formatValue(args[i], 0, []);
    logs[logs.length] = { at: now(), level, message: clip(parts.join(' '), limits.maxLogLineChars) };
  }

  const consoleObject = {};
  for (const [method, level] of [
    ['log', 'info'],
    ['info', 'info'],
    ['debug', 'debug'],
    ['warn', 'warn'],
    ['error', 'error'],
  ]) {
    consoleObject[method] = (...args) => writeLog(level, args);
  }
  defineProperty(global, 'console', { value: consoleObject, writable: true, configurable: true, enumerable: false });

  class ResultProblem {
    constructor(message) {
      this.message = message;
    }
  }

  function childPath(path, key) {
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${stringify(key)}]`;
  }

  function kindOf(value) {
    const prototype = getPrototypeOf(value);
    const name = prototype && typeof prototype.constructor === 'function' ? prototype.constructor.name : '';
    return name ? `a ${name}` : 'an object with an unusual prototype';
  }

  // JSON text of `value`, stricter than JSON.stringify: what JSON would silently drop or change
  // (functions, symbols, NaN, Map, class instances) is an error naming where it is. `out.size`
  // counts the characters written so far, so a huge result stops early instead of filling memory.
  function encode(value, path, depth, parents, out) {
    if (value === null || value === undefined) return grow(out, 'null');
    const type = typeof value;
    if (type === 'string') return grow(out, stringify(value));
    if (type === 'boolean') return grow(out, value ? 'true' : 'false');
    if (type === 'number') {
      if (!finite(value)) throw new ResultProblem(`${path} is ${value}, which JSON cannot hold`);
      return grow(out, stringify(value));
    }
    if (type === 'bigint') throw new ResultProblem(`${path} is a BigInt; convert it with Number() or String()`);
    if (type === 'symbol') throw new ResultProblem(`${path} is a Symbol, which is not JSON data`);
    if (type === 'function') throw new ResultProblem(`${path} is a function, which is not JSON data`);
    if (depth > limits.maxResultDepth) {
      throw new ResultProblem(`${path} is nested deeper than ${limits.maxResultDepth} levels`);
    }
    if (parents.includes(value))
      throw new ResultProblem(`${path} refers back to itself (a cycle), which JSON cannot hold`);
    const toJSON = value.toJSON;
    if (typeof toJSON === 'function') return encode(apply(toJSON, value, []), path, depth + 1, parents, out);
    parents.push(value);
    const text = isArray(value)
      ? encodeArray(value, path, depth, parents, out)
      : encodeObject(value, path, depth, parents, out);
    parents.pop();
    return text;
  }

  function encodeArray(value, path, depth, parents, out) {
    const parts = [];
    const length = value.length;
    grow(out, '[]');
    for (let i = 0; i < length; i += 1) {
      parts[i] = encode(value[i], `${path}[${i}]`, depth + 1, parents, out);
      if (i > 0) grow(out, ',');
    }
    return `[${parts.join(',')}]`;
  }

  function encodeObject(value, path, depth, parents, out) {
    const prototype = getPrototypeOf(value);
    if (prototype !== objectPrototype && prototype !== null) {
      throw new ResultProblem(
        `${path} is ${kindOf(value)}; return plain objects, arrays, strings, numbers and booleans`,
      );
    }
    const parts = [];
    grow(out, '{}');
    for (const key of keys(value)) {
      const item = value[key];
      if (item === undefined) continue;
      const name = grow(out, `${parts.length > 0 ? ',' : ''}${stringify(key)}:`);
      parts[parts.length] = `${name}${encode(item, childPath(path, key), depth + 1, parents, out)}`;
    }
    return `{${parts.join('')}}`;
  }

  function grow(out, text) {
    out.size += text.length;
    if (out.size > limits.maxResultBytes) throw new ResultProblem(`is larger than ${limits.maxResultBytes} bytes`);
    return text;
  }

  const MEMORY_MESSAGES = ['Array buffer allocation failed', 'Invalid string length', 'Invalid typed array length'];

  // `lineShift`: lines the engine put before the user's first line (the Function constructor adds 2).
  function describeThrown(thrown, lineShift) {
    let name = '';
    let message = '';
    let stack = '';
    try {
      if (thrown !== null && typeof thrown === 'object') {
        name = typeof thrown.name === 'string' ? thrown.name : '';
        message = thrown.message === undefined ? StringOf(thrown) : StringOf(thrown.message);
        stack = typeof thrown.stack === 'string' ? thrown.stack : '';
      } else {
        message = StringOf(thrown);
      }
    } catch {
      message = message || 'a value that could not be shown';
    }
    const where = /<code>:(\d+):\d+/.exec(stack);
    const memory = name === 'RangeError' && MEMORY_MESSAGES.some((text) => message.startsWith(text));
    const error = { kind: memory ? 'memory' : 'thrown', name: clip(name, 100), message: clip(message, 2000) };
    if (where && Number(where[1]) > lineShift) error.line = Number(where[1]) - lineShift;
    return error;
  }

  function envelope(body) {
    return `{"logs":${stringify(logs)},"dropped":${dropped},${body}}`;
  }

  function errorEnvelope(thrown, lineShift) {
    return envelope(`"error":${stringify(describeThrown(thrown, lineShift))}`);
  }

  function valueEnvelope(value) {
    try {
      return envelope(`"value":${value === undefined ? 'null' : encode(value, 'result', 0, [], { size: 0 })}`);
    } catch (problem) {
      const message =
        problem instanceof ResultProblem
          ? problem.message.startsWith('is larger')
            ? `The result ${problem.message}`
            : problem.message
          : `The result could not be read: ${describeThrown(problem, 0).message}`;
      return envelope(`"error":${stringify({ kind: 'result', message })}`);
    }
  }

  async function run(userFunction, inputsText, lineShift) {
    let value;
    try {
      value = await apply(userFunction, undefined, [parse(inputsText)]);
    } catch (thrown) {
      return errorEnvelope(thrown, lineShift);
    }
    return valueEnvelope(value);
  }

  async function settle(value, lineShift) {
    let settled;
    try {
      settled = await value;
    } catch (thrown) {
      return errorEnvelope(thrown, lineShift);
    }
    return valueEnvelope(settled);
  }

  // For a snippet without `await`, compiled as a plain function: when it returns a plain value the
  // answer is ready on this very call (no promise to wait for). A thenable result is settled later,
  // fetched by a second call (see the bind function below).
  const PENDING = '\u0000pending';
  function runNow(userFunction, inputsText, lineShift, keepPending) {
    let value;
    try {
      value = apply(userFunction, undefined, [parse(inputsText)]);
      if (
        value !== null &&
        (typeof value === 'object' || typeof value === 'function') &&
        typeof value.then === 'function'
      ) {
        keepPending(settle(value, lineShift));
        return PENDING;
      }
    } catch (thrown) {
      return errorEnvelope(thrown, lineShift);
    }
    return valueEnvelope(value);
  }

  // A fresh context starts with every inline cache of these functions cold; one pass over the run
  // path while the context is prepared (off the hot path) makes the user's run start warm.
  run(
    async (inputs) => ({ sum: inputs.a + inputs.b, list: [1, 'two', true, null], nested: { x: 1.5 } }),
    '{"a":1,"b":2}',
    0,
  );
  runNow(
    (inputs) => ({ sum: inputs.a + inputs.b, list: [1, 'two', true, null] }),
    '{"a":1,"b":2}',
    0,
    () => undefined,
  );

  // A context serves one run: its entry works once.
  let used = false;
  function claim() {
    if (used) throw new TypeError('The code may only be run once.');
    used = true;
  }

  // The bootstrap's value, kept by the host as a Reference (never reachable from user code): binds
  // a context to a snippet ahead of its run. The Function constructor parses the text strictly as a
  // function body (it cannot close the function early), and compiling runs none of it. The host
  // then calls the returned function with the inputs: one crossing for the whole run. It answers
  // the JSON text (a promise of it for an async snippet), or PENDING when a plain function returned
  // a thenable; called with null, it then hands over the promise of that answer. The host says
  // whether the snippet is plain (it has no `await`). Called with null itself, this function returns the
  // console lines so far: the host reads them when the time limit stopped the code.
  const AsyncFunction = (async () => {}).constructor;
  const PlainFunction = Function;
  return (code, plain) => {
    if (code === null) return `{"logs":${stringify(logs)},"dropped":${dropped}}`;
    const userFunction = new (plain ? PlainFunction : AsyncFunction)('inputs', `${code}\n//# sourceURL=<code>`);
    let pending;
    return (inputsText) => {
      if (inputsText === null) return pending;
      claim();
      if (!plain) return run(userFunction, inputsText, 2);
      return runNow(userFunction, inputsText, 2, (promise) => {
        pending = promise;
      });
    };
  };
});
