/**
 * A did-you-mean hint: the known word closest to a misspelling.
 */

/**
 * Pick the candidate closest to `word`, if it is close enough to be a likely typo.
 *
 * @param word What was written.
 * @param candidates Words that would have been valid.
 * @param within Largest edit distance accepted; default a third of the word's length (at least 1).
 * @returns The best candidate, or `undefined` when none is close enough.
 */
export function suggest(
  word: string,
  candidates: readonly string[],
  within = Math.max(1, Math.floor(word.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestDistance = within;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  return best;
}

/** Damerau–Levenshtein distance (optimal string alignment), so that a swap of two letters costs 1. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}

/**
 * The likely name for a mistyped or shortened one: a near spelling (`suggest`), else the one
 * name it begins, or that begins it (`itu2023` for `itu2023facts`, `river-sensor` for
 * `river-sensors`), when only one does.
 *
 * @param word What was written.
 * @param candidates The names there are.
 * @returns The likely name, if any.
 */
export function suggestName(word: string, candidates: readonly string[]): string | undefined {
  const near = suggest(word, candidates);
  if (near !== undefined || word.length < 3) return near;
  const lower = word.toLowerCase();
  const related = candidates.filter((candidate) => {
    const other = candidate.toLowerCase();
    return other.startsWith(lower) || (lower.startsWith(other) && other.length >= 3);
  });
  return related.length === 1 ? related[0] : undefined;
}
