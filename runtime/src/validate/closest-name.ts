/**
 * Edit distance between two short names, case-insensitive, counting a swap of two neighbouring
 * letters as one edit (optimal string alignment), for "did you mean" hints.
 */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  const width = right.length + 1;
  const table = new Uint16Array((left.length + 1) * width);
  for (let j = 0; j <= right.length; j++) table[j] = j;
  for (let i = 1; i <= left.length; i++) {
    table[i * width] = i;
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      let best = Math.min(
        (table[(i - 1) * width + j] as number) + 1,
        (table[i * width + j - 1] as number) + 1,
        (table[(i - 1) * width + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        best = Math.min(best, (table[(i - 2) * width + j - 2] as number) + 1);
      }
      table[i * width + j] = best;
    }
  }
  return table[left.length * width + right.length] as number;
}

/** The known name closest to `wanted`, when it is close enough to be a likely typo. */
export function closestName(wanted: string, known: Iterable<string>): string | undefined {
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    // Names whose lengths differ by more than the allowance cannot be close: skip the quadratic part.
    if (Math.abs(name.length - wanted.length) > allowed) continue;
    const distance = editDistance(wanted, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** ` Did you mean "x"?` or nothing. */
export function didYouMean(wanted: string, known: Iterable<string>): string {
  const suggestion = closestName(wanted, known);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}

/** `a, b, c` — or the first few and a count, so a message stays one readable line. */
export function listNames(names: readonly string[], limit = 12): string {
  if (names.length <= limit) return names.join(', ');
  return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}
