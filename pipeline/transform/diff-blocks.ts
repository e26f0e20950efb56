/**
 * Two lists of block signatures → which blocks were added, changed or removed.
 */

/** The outcome for one new block. */
export type BlockChange = 'added' | 'changed';

/** What changed between two versions of a list of blocks. */
export interface BlockDiff {
  /** Index in the new list → how it changed; unchanged blocks are absent. */
  changes: Map<number, BlockChange>;
  /** Indices in the old list of blocks that are gone without a replacement. */
  removed: number[];
}

/**
 * Compare two versions by their longest common subsequence. Within a run of edits, removed
 * blocks paired with added ones count as changed; what is left over is added or removed.
 *
 * @param before Signatures of the old blocks.
 * @param after Signatures of the new blocks.
 * @returns The changes.
 */
export function diffBlocks(before: readonly string[], after: readonly string[]): BlockDiff {
  // The common start and end need no table: only what lies between is compared.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  const middle = diffMiddle(before.slice(head, before.length - tail), after.slice(head, after.length - tail));
  return {
    changes: new Map([...middle.changes].map(([index, kind]) => [index + head, kind])),
    removed: middle.removed.map((index) => index + head),
  };
}

/** Largest table the longest common subsequence may take (cells): beyond it, a coarser diff. */
const maxTable = 16_000_000;

function diffMiddle(before: readonly string[], after: readonly string[]): BlockDiff {
  const n = before.length;
  const m = after.length;
  if ((n + 1) * (m + 1) > maxTable) {
    // Too many edits to pair exactly in bounded memory: every new block of the run changed.
    const changes = new Map<number, BlockChange>(after.map((_, index) => [index, index < n ? 'changed' : 'added']));
    return { changes, removed: before.map((_, index) => index).slice(m) };
  }
  // lcs[i][j]: length of the LCS of before[i..] and after[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => lcs[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = before[i] === after[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const changes = new Map<number, BlockChange>();
  const removed: number[] = [];
  let i = 0;
  let j = 0;
  let gone: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(gone.length, added.length);
    for (const [index, position] of added.entries()) changes.set(position, index < paired ? 'changed' : 'added');
    removed.push(...gone.slice(paired));
    gone = [];
    added = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i >= n || at(i, j + 1) >= at(i + 1, j))) {
      added.push(j++);
    } else {
      gone.push(i++);
    }
  }
  flush();
  return { changes, removed };
}
