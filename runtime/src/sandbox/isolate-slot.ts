import type ivm from 'isolated-vm';
import { TailorError } from '../contract/error-codes.js';
import { syntaxErrorOf } from './guest-result.js';
import { bootstrapScript, type GuestLimits, isPlain, syntaxCheckScript, USER_CODE_FILENAME } from './guest-source.js';

/** A fresh context with the guest bootstrap already run in it, waiting for one user run. */
export interface PreparedContext {
  readonly context: ivm.Context;
  /** The bootstrap's bind function: binds a snippet, or (given null) reads the console lines so far. */
  readonly bind: ivm.Reference<Bind>;
  /** When the context was bound to a snippet: that snippet, its entry, and whether it is plain. */
  bound?: Bound;
}

export interface Bound {
  readonly code: string;
  readonly enter: Enter;
  /** No `await`: the entry answers on the same call, without a promise (see isPlain). */
  readonly plain: boolean;
}

/** A bound snippet's entry: the inputs' JSON in, the answer's JSON out (null: the pending answer). */
export type Enter = ivm.Reference<(inputsJson: string | null) => unknown>;

type Bind = (code: string | null, plain?: boolean) => unknown;

/** Why an isolate was disposed while a run was using it. */
export type DeathReason = 'timeout' | 'memory' | 'cancelled' | 'recycled' | 'closed';

export interface SlotSettings {
  memoryMb: number;
  limits: GuestLimits;
}

/**
 * One isolate owned by the pool: its bootstrap compiled once, and a few contexts prepared ahead of
 * time (off the hot path), bound to the snippet it ran last. At most one run uses it at a time, so
 * a hostile snippet only ever blocks its own isolate.
 */
export class IsolateSlot {
  readonly memoryMb: number;
  runs = 0;
  /**
   * The snippet this isolate ran last: contexts prepared from now on are bound to it, since the
   * same snippet usually runs again (a flow's code node, run after run).
   */
  lastCode: string | undefined;
  /** Set when the slot's owner disposed it on purpose, so a failing run can say why. */
  deathReason: DeathReason | undefined;
  readonly #isolate: ivm.Isolate;
  readonly #bootstrap: ivm.Script;
  readonly #ready: PreparedContext[] = [];
  #preparing: Promise<void> | undefined;

  private constructor(isolate: ivm.Isolate, bootstrap: ivm.Script, settings: SlotSettings) {
    this.#isolate = isolate;
    this.#bootstrap = bootstrap;
    this.memoryMb = settings.memoryMb;
  }

  static async create(settings: SlotSettings): Promise<IsolateSlot> {
    // Loaded on first use, so importing @tailor/runtime does not load the native addon.
    const { Isolate } = (await import('isolated-vm')).default;
    const isolate = new Isolate({
      memoryLimit: settings.memoryMb,
      onCatastrophicError: (message) => {
        // V8 lost control of this isolate; nothing in it can be trusted or reused.
        process.emitWarning(`Code sandbox isolate failed beyond recovery: ${message}`);
      },
    });
    try {
      const bootstrap = await isolate.compileScript(bootstrapScript(settings.limits), { filename: '<tailor>' });
      return new IsolateSlot(isolate, bootstrap, settings);
    } catch (error) {
      isolate.dispose();
      throw error;
    }
  }

  get alive(): boolean {
    return !this.#isolate.isDisposed;
  }

  get readyContexts(): number {
    return this.#ready.length;
  }

  get preparing(): boolean {
    return this.#preparing !== undefined;
  }

  /** Prepares contexts until `target` are ready; one preparation runs at a time. */
  prepare(target: number): Promise<void> {
    this.#preparing ??= this.#fill(target).finally(() => {
      this.#preparing = undefined;
    });
    return this.#preparing;
  }

  async #fill(target: number): Promise<void> {
    while (this.alive && this.#ready.length < target) {
      const context = await this.#isolate.createContext();
      try {
        const bind: ivm.Reference<Bind> = await this.#bootstrap.run(context, { timeout: 5_000, reference: true });
        this.#ready.push({ context, bind, bound: await this.#bindAhead(bind, this.lastCode) });
      } catch (error) {
        context.release();
        throw error;
      }
    }
  }

  /** Compiles the snippet into the context (nothing of it runs); undefined when it does not compile. */
  async #bindAhead(bind: ivm.Reference<Bind>, code: string | undefined): Promise<Bound | undefined> {
    if (code === undefined) return undefined;
    try {
      return await bindIn(bind, code);
    } catch {
      return undefined;
    }
  }

  /**
   * The entry of `code` in this context: bound ahead of time, or compiled into it now. A snippet
   * the Function constructor refuses fails with its syntax error and line, found by compiling it
   * as a script (which runs nothing), or as closing its function early.
   */
  async boundTo(prepared: PreparedContext, code: string): Promise<Bound> {
    if (prepared.bound?.code === code) return prepared.bound;
    try {
      // Bound ahead to another snippet: that entry is never used.
      prepared.bound?.enter.release();
      prepared.bound = undefined;
      prepared.bound = await bindIn(prepared.bind, code);
      this.lastCode = code;
      return prepared.bound;
    } catch (error) {
      if (!this.alive) throw error;
      throw await this.#explainCompileFailure(code);
    }
  }

  async #explainCompileFailure(code: string): Promise<TailorError> {
    let syntaxError: TailorError | undefined;
    try {
      const script = await this.#isolate.compileScript(syntaxCheckScript(code), { filename: USER_CODE_FILENAME });
      script.release();
    } catch (error) {
      syntaxError = syntaxErrorOf(error);
    }
    // A script that compiles, or fails only past the snippet's last line, met an extra `}` or `)`.
    const line = (syntaxError?.details as { line?: number } | undefined)?.line ?? 0;
    if (syntaxError && line <= code.split('\n').length) return syntaxError;
    return new TailorError('SANDBOX_ERROR', 'The code closes its function early: remove the extra `}` or `)`.');
  }

  /**
   * A prepared context when one is ready and nothing is queued in the isolate, so a synchronous
   * call can enter it without waiting for the isolate's lock; else undefined. One bound to `code`
   * first.
   */
  readyContextNow(code: string): PreparedContext | undefined {
    return this.#preparing || !this.alive ? undefined : this.#takeReady(code);
  }

  /** A prepared context (one bound to `code` first): at once when one is ready, else after preparing one. */
  async takeContext(code: string): Promise<PreparedContext> {
    for (;;) {
      const ready = this.#takeReady(code);
      if (ready) return ready;
      if (!this.alive) throw new Error('isolate disposed');
      await this.prepare(1);
    }
  }

  #takeReady(code: string): PreparedContext | undefined {
    const index = this.#ready.findIndex((prepared) => prepared.bound?.code === code);
    return this.#ready.splice(Math.max(index, 0), 1)[0];
  }

  /** Disposes the isolate at once, stopping whatever runs in it. */
  kill(reason: DeathReason): void {
    this.deathReason ??= reason;
    if (!this.#isolate.isDisposed) this.#isolate.dispose();
    this.#ready.length = 0;
  }
}

async function bindIn(bind: ivm.Reference<Bind>, code: string): Promise<Bound> {
  const plain = isPlain(code);
  const enter = await bind.apply(undefined, [code, plain], { result: { reference: true }, timeout: 5_000 });
  return { code, enter: enter as Enter, plain };
}

/** The console lines a stopped run wrote (guest JSON text), when its isolate is still usable. */
export function readLogsAfterStop(prepared: PreparedContext): unknown {
  try {
    return prepared.bind.applySync(undefined, [null], { timeout: 50 });
  } catch {
    return undefined;
  }
}

/** Frees a used context; it is never run again (one fresh context per run). */
export function discardContext(prepared: PreparedContext): void {
  for (const handle of [prepared.bound?.enter, prepared.bind, prepared.context]) {
    try {
      handle?.release();
    } catch {
      // Already gone with its isolate.
    }
  }
}
