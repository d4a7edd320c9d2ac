import { randomFillSync } from 'node:crypto';

/** Random bytes fetched in bulk: one call to the system's generator serves 400 ids. */
const POOL = Buffer.alloc(4_000);
let used = POOL.length;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUID version 7: 48 bits of milliseconds, then random bits. Ids of runs started later sort
 * later, so the stores insert at the end of their id index instead of at random places in it.
 */
export function newRunId(now = Date.now()): string {
  if (used + 10 > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  const at = used;
  used += 10;
  const r = (i: number) => POOL[at + i] ?? 0;
  // 48-bit time as 12 hex digits (numbers above 2^32 are exact in a double up to 2^53).
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const hex = (i: number) => HEX[r(i)] ?? '00';
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
    `${HEX[(r(0) & 0x0f) | 0x70]}${hex(1)}-${HEX[(r(2) & 0x3f) | 0x80]}${hex(3)}-` +
    `${hex(4)}${hex(5)}${hex(6)}${hex(7)}${hex(8)}${hex(9)}`
  );
}
