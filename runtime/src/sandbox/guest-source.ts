import { readFileSync } from 'node:fs';

/** Limits the guest enforces inside the isolate (they travel into it as JSON in the bootstrap text). */
export interface GuestLimits {
  maxLogLines: number;
  maxLogLineChars: number;
  maxResultBytes: number;
  maxResultDepth: number;
}

/** The file name user code carries in stack traces, so the guest can find the user's line. */
export const USER_CODE_FILENAME = '<code>';

/** Global the host sets (as a copied string) right before the user script runs; the guest deletes it. */
export const INPUTS_GLOBAL = '__tailorInputs';

const BOOTSTRAP_SOURCE = readFileSync(new URL('./guest/bootstrap.js', import.meta.url), 'utf8');
const BOOTSTRAP_FUNCTION = BOOTSTRAP_SOURCE.slice(BOOTSTRAP_SOURCE.indexOf('(function tailorBootstrap')).trim();

/** The bootstrap script, compiled once per isolate and run in every fresh context. */
export function bootstrapScript(limits: GuestLimits): string {
  return `${BOOTSTRAP_FUNCTION.replace(/;$/, '')}(globalThis, ${JSON.stringify(limits)});`;
}

/**
 * The user's snippet as a script that hands an async function to the guest's one-shot entry. The
 * prefix shares the snippet's first line and the suffix starts a new one (so a trailing `//` comment
 * cannot swallow it): the snippet's line numbers are the script's line numbers.
 */
export function userScript(code: string): string {
  return `__tailorRun(async function (inputs) {${code}\n});`;
}
