/** Edit distance between two short names (Levenshtein, case-insensitive), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
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
