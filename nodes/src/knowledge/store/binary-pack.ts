/**
 * A small container for index snapshots and stored documents: a JSON header plus typed arrays,
 * each 8-byte aligned so they can be viewed without copying. Layout: "TKB1", u32 header length,
 * header JSON, then the arrays.
 */
export type PackedArray = Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

const TYPES = { Float32Array, Int32Array, Uint32Array, Uint16Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;
const MAGIC = 0x31424b54; // "TKB1" little-endian

interface Entry {
  name: string;
  type: TypeName;
  offset: number;
  length: number;
}

export function pack(header: unknown, arrays: Record<string, PackedArray>): Uint8Array {
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays)) {
    entries.push({ name, type: array.constructor.name as TypeName, offset, length: array.length });
    offset = align(offset + array.byteLength);
  }
  const json = new TextEncoder().encode(JSON.stringify({ header, entries }));
  const start = align(8 + json.length);
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  for (const entry of entries) {
    const array = arrays[entry.name];
    if (array) out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + entry.offset);
  }
  return out;
}

export function unpack(bytes: Uint8Array): { header: unknown; arrays: Map<string, PackedArray> } {
  // Node's pooled Buffers may start at any offset; typed views need their element alignment.
  const data = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Tailor knowledge file');
  const jsonLength = view.getUint32(4, true);
  const parsed = JSON.parse(new TextDecoder().decode(data.subarray(8, 8 + jsonLength))) as {
    header: unknown;
    entries: Entry[];
  };
  const start = align(8 + jsonLength);
  const arrays = new Map<string, PackedArray>();
  for (const entry of parsed.entries) {
    const Type = TYPES[entry.type];
    if (!Type) throw new Error(`unknown array type ${entry.type}`);
    arrays.set(entry.name, new Type(data.buffer as ArrayBuffer, data.byteOffset + start + entry.offset, entry.length));
  }
  return { header: parsed.header, arrays };
}

/** The header alone, from the first bytes of a container (8 + the header length are enough). */
export function readHeader(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Tailor knowledge file');
  const length = view.getUint32(4, true);
  return (JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as { header: unknown }).header;
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
