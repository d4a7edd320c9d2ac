import { readFileSync } from 'node:fs';

/** Limits the guest enforces inside the isolate (they travel into it as JSON in the bootstrap text). */
export interface GuestLimits {
  maxLogLines: number;
  maxLogLineChars: number;
  maxResultBytes: number;
  maxResultDepth: number;
}

/** The file name user code carries in stack traces and compile errors, so its lines can be found. */
export const USER_CODE_FILENAME = '<code>';

const BOOTSTRAP_SOURCE = readFileSync(new URL('./guest/bootstrap.js', import.meta.url), 'utf8');
const BOOTSTRAP_FUNCTION = BOOTSTRAP_SOURCE.slice(BOOTSTRAP_SOURCE.indexOf('(function tailorBootstrap')).trim();

/** The bootstrap script, compiled once per isolate and run in every fresh context. */
export function bootstrapScript(limits: GuestLimits): string {
  // Strict (a script is sloppy by default): call sites of strict frames give no function or receiver.
  return `'use strict';\n${BOOTSTRAP_FUNCTION.replace(/;$/, '')}(globalThis, ${JSON.stringify(limits)});`;
}

/**
 * The snippet as a function expression, only ever compiled (never run) to locate a syntax error:
 * the Function constructor that binds snippets reports none. The prefix shares the snippet's first
 * line and the suffix starts a new one, so the script's line numbers are the snippet's.
 */
export function syntaxCheckScript(code: string): string {
  return `(async function (inputs) {${code}\n});`;
}

/**
 * A snippet without the word `await` is compiled as a plain function: its answer is ready on the
 * call that runs it. (A plain function never awaits, so both compile the same body the same way.)
 */
export function isPlain(code: string): boolean {
  return !/\bawait\b/.test(code);
}
