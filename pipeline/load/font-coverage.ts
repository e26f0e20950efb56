/**
 * The machine's fonts → the characters some font covers: what the print browser can draw.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';

/** The characters the fonts of a build cover. */
export interface Coverage {
  /**
   * @param codePoint A Unicode code point.
   * @returns Whether some font has a glyph for it.
   */
  has(codePoint: number): boolean;
  /** A hash of the coverage, for caches of results that depend on it. */
  signature: string;
  /** The covered ranges, first to last code point, sorted and merged: what rebuilds it in a worker. */
  ranges: readonly (readonly [number, number])[];
}

let cached: Promise<Coverage | null> | undefined;

/**
 * What the installed fonts cover, from fontconfig (which Chromium uses to pick fallbacks): the
 * union of every font's character set. Read once per process, without blocking it: `fc-list`
 * runs while the files are read.
 *
 * @returns The coverage, or `null` where fontconfig's `fc-list` is not installed (nothing can be checked).
 */
export function fontCoverage(): Promise<Coverage | null> {
  cached ??= new Promise((resolve) => {
    execFile(
      'fc-list',
      ['--format', '%{charset}\n'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 10_000 },
      (failure, listing) => resolve(failure ? null : coverageOf(listing)),
    );
  });
  return cached;
}

/**
 * Coverage from fontconfig character sets (`20-7e a0-17f 192 …`, one font per line).
 *
 * @param listing `fc-list --format '%{charset}\n'` output.
 * @returns The union of the sets.
 */
export function coverageOf(listing: string): Coverage {
  const ranges: [number, number][] = [];
  for (const token of listing.split(/\s+/)) {
    if (!token) continue;
    const [from = '', to = from] = token.split('-');
    const start = Number.parseInt(from, 16);
    const end = Number.parseInt(to, 16);
    if (Number.isFinite(start) && Number.isFinite(end)) ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return coverageFromRanges(merged);
}

/**
 * Coverage of sorted, merged ranges.
 *
 * @param merged Ranges as `Coverage.ranges` holds them.
 * @returns The coverage.
 */
export function coverageFromRanges(merged: readonly (readonly [number, number])[]): Coverage {
  const starts = merged.map(([start]) => start);
  return {
    ranges: merged,
    has(codePoint) {
      // Binary search for the last range starting at or before the code point.
      let low = 0;
      let high = starts.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if ((starts[middle] ?? 0) <= codePoint) low = middle + 1;
        else high = middle - 1;
      }
      const range = merged[high];
      return range !== undefined && codePoint <= range[1];
    },
    signature: createHash('sha256').update(JSON.stringify(merged)).digest('hex').slice(0, 16),
  };
}
