import { describe, expect, it } from 'vitest';
import { pack, readHeader, unpack } from './binary-pack.js';

describe('binary pack', () => {
  it('round-trips a header and typed arrays of every kind', () => {
    const arrays = {
      a: Float32Array.from([1.5, -2]),
      b: Int32Array.from([7, -8, 9]),
      c: Uint16Array.from([65_535]),
      d: Uint8Array.from([1, 2, 3, 4, 5]),
    };
    const bytes = pack({ name: '退款', n: 1 }, arrays);
    const { header, arrays: read } = unpack(bytes);
    expect(header).toEqual({ name: '退款', n: 1 });
    for (const [name, array] of Object.entries(arrays)) expect(read.get(name)).toEqual(array);
    expect(readHeader(bytes)).toEqual({ name: '退款', n: 1 });
  });

  it('reads from a buffer that does not start on an 8-byte boundary', () => {
    const bytes = pack({}, { v: Float32Array.from([3, 4]) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(unpack(shifted.subarray(3)).arrays.get('v')).toEqual(Float32Array.from([3, 4]));
  });

  it('refuses bytes that are not a knowledge file', () => {
    expect(() => unpack(new TextEncoder().encode('hello world'))).toThrow(/not a Tailor knowledge file/);
  });
});
