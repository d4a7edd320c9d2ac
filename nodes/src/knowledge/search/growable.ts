/** Typed arrays that grow by doubling, for indexes that receive chunks one document at a time. */
export function grow<T extends Float32Array | Int32Array | Uint16Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const Type = array.constructor as new (length: number) => T;
  const bigger = new Type(Math.max(needed, array.length * 2, 16));
  bigger.set(array);
  return bigger;
}
