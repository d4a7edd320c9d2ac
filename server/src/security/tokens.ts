import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret with a readable prefix (`tk_` API keys, `ta_` admin tokens, `ts_` sessions). */
export function newToken(prefix: 'tk' | 'ta' | 'ts'): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/**
 * Tokens are 192 random bits, so a fast hash is enough to make a stolen table useless; a slow
 * password hash would only slow every API call down.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
