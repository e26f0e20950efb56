/**
 * Find a comment's text again in the current source, as hypothes.is re-anchors: the quote where
 * it stands exactly, the words around it deciding between repeats and the last position between
 * equals; failing that, the closest approximate match (`approx-string-match`, Myers' bit-vector
 * algorithm) within a quarter of the quote's length in edits. A quote found nowhere leaves its
 * comment orphaned.
 *
 * Reviewers select the text of a page, not its Markdown: a source is matched through its
 * *reading text*, the text of its Markdown nodes in order, without white space (the page breaks
 * lines, autospaces Chinese and Japanese, hyphenates), with typographic quotes and dashes folded
 * to the plain ones its source has. Every reading character keeps the offset of the source
 * character it came from, so a match maps back to a line and column of the Markdown.
 */
import search from 'approx-string-match';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { location } from 'vfile-location';
import type { QuoteSelector } from './annotation.js';

/** A text to find quotes in, and each of its characters' offsets in where it came from. */
export interface Reading {
  text: string;
  offsets: number[];
}

/** A text as it is matched: its characters, and where each came from. */
interface Folded {
  text: string;
  from: number[];
}

/** Characters the page and its source write differently, folded to one. */
export const folds: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
};

/** White space and the characters a page adds or hides: soft hyphens, zero-width spaces and joiners. */
export const skipped = /[\s\u00AD\u200B-\u200D\u2060\uFEFF]/u;

/**
 * A text as the matcher compares it: without white space, quotes and dashes folded.
 *
 * @param text A quote, its context or a source's text.
 * @param offsets Each character's offset in its origin (the source); by default its own index.
 */
function fold(text: string, offsets?: readonly number[]): Folded {
  let folded = '';
  const from: number[] = [];
  let index = 0;
  for (const char of text) {
    const origin = offsets?.[index] ?? index;
    index += char.length;
    if (skipped.test(char)) continue;
    const out = folds[char] ?? char;
    folded += out;
    for (let i = 0; i < out.length; i++) from.push(origin);
  }
  return { text: folded, from };
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkMath);

/**
 * A Markdown source's reading text: the text of its nodes (text, code, formulas) in order.
 *
 * @param markdown The whole file, front matter included.
 * @returns Its reading text, each character with its offset in the file.
 */
export function readingText(markdown: string): Reading {
  const tree = parser.parse(markdown);
  let text = '';
  const offsets: number[] = [];
  const visit = (node: Root | Root['children'][number]): void => {
    if (node.type === 'yaml' || node.type === 'html' || (node.type as string) === 'toml') return;
    if ('value' in node && typeof node.value === 'string' && node.position?.start.offset !== undefined) {
      const start = node.position.start.offset;
      const raw = markdown.slice(start, node.position.end.offset);
      // A node's value is its source text without markup (and escapes): each character is
      // found in order in the source it spans; one that is not (an entity) takes the last place.
      let at = 0;
      for (const char of node.value) {
        const found = raw.indexOf(char, at);
        offsets.push(start + (found === -1 ? at : found));
        if (char.length === 2) offsets.push(start + (found === -1 ? at : found) + 1);
        if (found !== -1) at = found + char.length;
      }
      text += node.value;
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return { text, offsets };
}

/** Where a quote was found: offsets in the source, and how many edits the match took. */
export interface Anchor {
  start: number;
  end: number;
  /** Edits between the quote and the text found: 0 for an exact match. */
  errors: number;
  /** Where it stands in the reading text (the next `TextPositionSelector`). */
  position: { start: number; end: number };
}

/**
 * How closely a text matches what was expected, from 0 to 1.
 *
 * @param text The text found.
 * @param expected The text expected.
 */
function closeness(text: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (text.length === 0) return 0;
  const matches = search(text, expected, expected.length);
  const errors = Math.min(expected.length, ...matches.map((match) => match.errors));
  return 1 - errors / expected.length;
}

/** Each text's folded form, made once however many quotes are looked for in it. */
const foldedTexts = new WeakMap<Reading, Folded>();

/**
 * Find a quote in a text, each of whose characters comes from an offset of some origin (a
 * Markdown source, a page's text nodes).
 *
 * @param text The text, and each character's offset in its origin.
 * @param selector The quote and its context.
 * @param hint Where the quote stood last in the folded text (a `TextPositionSelector`).
 * @returns Its place in the origin, or `undefined` when it is gone.
 */
export function locateQuote(text: Reading, selector: QuoteSelector, hint?: number): Anchor | undefined {
  let folded = foldedTexts.get(text);
  if (!folded) {
    folded = fold(text.text, text.offsets);
    foldedTexts.set(text, folded);
  }
  const quote = fold(selector.exact).text;
  if (quote.length === 0) return undefined;
  const prefix = fold(selector.prefix).text;
  const suffix = fold(selector.suffix).text;
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let at = folded.text.indexOf(quote); at !== -1; at = folded.text.indexOf(quote, at + 1))
    exact.push({ start: at, end: at + quote.length, errors: 0 });
  const candidates = exact.length > 0 ? exact : search(folded.text, quote, Math.min(256, Math.floor(quote.length / 4)));
  if (candidates.length === 0) return undefined;
  // hypothes.is's weights: the quote first, then its context, then the last position.
  const score = (match: { start: number; end: number; errors: number }) =>
    50 * (1 - match.errors / quote.length) +
    20 * closeness(folded.text.slice(Math.max(0, match.start - prefix.length), match.start), prefix) +
    20 * closeness(folded.text.slice(match.end, match.end + suffix.length), suffix) +
    (hint === undefined ? 2 : 2 * (1 - Math.abs(match.start - hint) / Math.max(1, folded.text.length)));
  const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  const start = folded.from[best.start] ?? 0;
  const last = folded.from[best.end - 1] ?? start;
  return { start, end: last + 1, errors: best.errors, position: { start: best.start, end: best.end } };
}

/**
 * Find a comment's quote in a Markdown source, through its reading text.
 *
 * @param source The Markdown file, front matter included.
 * @param selector The quote and its context.
 * @param hint Where the quote stood last in the folded reading text (a `TextPositionSelector`).
 * @returns Its place in the source, or `undefined` when it is gone.
 */
export function anchor(source: string, selector: QuoteSelector, hint?: number): Anchor | undefined {
  let reading = readings.get(source);
  if (!reading) {
    reading = readingText(source);
    readings.set(source, reading);
    // The sources of the last few files: a file's comments are found one after another.
    for (const key of readings.keys()) if (readings.size > 16) readings.delete(key);
  }
  return locateQuote(reading, selector, hint);
}

/** Reading texts of the sources comments were last found in, by source text. */
const readings = new Map<string, Reading>();

/**
 * Line and column of an offset of a source.
 *
 * @param source The file's text.
 * @returns A function from offset to point.
 */
export function pointsOf(source: string): (offset: number) => { line: number; column: number } {
  const points = location(source);
  return (offset) => points.toPoint(offset) ?? { line: 1, column: 1 };
}

/**
 * The folding as a page's review script runs it (`templates/review.js`): this module's table,
 * pattern and function, written before the script, so that the page and the server fold alike.
 *
 * @returns Script lines defining `folds`, `skipped` and `fold` in a block the page script reads.
 */
export function foldingScript(): string {
  return `const whitepaperFold = (() => {\nconst folds = ${JSON.stringify(folds)};\nconst skipped = new RegExp(${JSON.stringify(skipped.source)}, 'u');\nreturn ${fold.toString()};\n})();\n`;
}
