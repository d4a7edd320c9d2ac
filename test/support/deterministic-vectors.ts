/**
 * Embedding vectors that need no model: each word (and each CJK character) is hashed into a
 * dimension, then the vector is L2-normalised. Texts sharing words get similar vectors, so
 * retrieval tests rank sensibly, and the same text always gets the same vector.
 */
export function deterministicVector(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const token of tokensOf(text)) {
    const hash = fnv1a(token);
    const index = hash % dimensions;
    vector[index] = (vector[index] ?? 0) + ((hash >>> 16) & 1 ? 1 : -1) * (1 + (hash % 7) / 10);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => Math.round((value / norm) * 1e6) / 1e6);
}

export function tokensOf(text: string): string[] {
  return text.toLowerCase().match(/[\u3400-\u9fff]|[a-z0-9]+/gu) ?? [];
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
