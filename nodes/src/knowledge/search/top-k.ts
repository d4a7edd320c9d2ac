/**
 * The k best (highest score) of a stream of (id, score) pairs, with a binary min-heap of size k:
 * O(n log k) and no sort of the whole candidate set.
 */
export class TopK {
  readonly #ids: Int32Array;
  readonly #scores: Float64Array;
  #size = 0;

  constructor(readonly k: number) {
    this.#ids = new Int32Array(Math.max(1, k));
    this.#scores = new Float64Array(Math.max(1, k));
  }

  /** The score a candidate must beat to enter (−Infinity until the heap is full). */
  get floor(): number {
    return this.#size < this.k ? Number.NEGATIVE_INFINITY : (this.#scores[0] ?? Number.NEGATIVE_INFINITY);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.#size < this.k) {
      this.#ids[this.#size] = id;
      this.#scores[this.#size] = score;
      this.#up(this.#size++);
    } else if (score > (this.#scores[0] ?? Number.NEGATIVE_INFINITY)) {
      this.#ids[0] = id;
      this.#scores[0] = score;
      this.#down(0);
    }
  }

  /** Best first; ties broken by the smaller id so results are stable. */
  sorted(): Array<{ id: number; score: number }> {
    const out: Array<{ id: number; score: number }> = [];
    for (let i = 0; i < this.#size; i++) out.push({ id: this.#ids[i] ?? 0, score: this.#scores[i] ?? 0 });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  #less(i: number, j: number): boolean {
    const a = this.#scores[i] ?? 0;
    const b = this.#scores[j] ?? 0;
    return a < b || (a === b && (this.#ids[i] ?? 0) > (this.#ids[j] ?? 0));
  }

  #swap(i: number, j: number): void {
    const id = this.#ids[i] ?? 0;
    const score = this.#scores[i] ?? 0;
    this.#ids[i] = this.#ids[j] ?? 0;
    this.#scores[i] = this.#scores[j] ?? 0;
    this.#ids[j] = id;
    this.#scores[j] = score;
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.#size && this.#less(left, smallest)) smallest = left;
      if (right < this.#size && this.#less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }
}
