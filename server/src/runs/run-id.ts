import { randomFillSync } from 'node:crypto';

/** Random bytes fetched in bulk: one call to the system's generator serves 400 ids. */
const POOL = Buffer.alloc(4_000);
let used = POOL.length;
/** The id is written as ASCII into this buffer and read out once: one string per id, no pieces. */
const TEXT = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');
/** Where each of the 16 bytes goes in the text (the dashes stay). */
const AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * A UUID version 7: 48 bits of milliseconds, then random bits. Ids of runs started later sort
 * later, so the stores insert at the end of their id index instead of at random places in it.
 */
export function newRunId(now = Date.now()): string {
  if (used + 10 > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  for (let i = 0; i < 16; i++) {
    let byte: number;
    if (i < 2) byte = (high >>> (8 * (1 - i))) & 0xff;
    else if (i < 6) byte = (low >>> (8 * (5 - i))) & 0xff;
    else byte = POOL[used + i - 6] ?? 0;
    if (i === 6) byte = (byte & 0x0f) | 0x70;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    const at = AT[i] ?? 0;
    TEXT[at] = DIGITS[byte >>> 4] ?? 48;
    TEXT[at + 1] = DIGITS[byte & 0x0f] ?? 48;
  }
  used += 10;
  return TEXT.toString('latin1');
}
