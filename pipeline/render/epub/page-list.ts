/**
 * The printed book's pages in the EPUB: where each page's text begins, marked with a page break
 * (`epub:type="pagebreak"`) that the navigation document's page list links to, so that a reader
 * of the EPUB can cite "p. 14" as the PDF has it.
 *
 * The print and the EPUB are laid out from the same bodies but differ in what surrounds them
 * (running heads, hyphens at line ends, numbers in the contents), so each page is found by its
 * first words: letters and digits only, compared in order, with a few errors allowed.
 */
import type { Element, Parents, Root, Text } from 'hast';
import search from 'approx-string-match';
import { SKIP, visit } from 'unist-util-visit';
import { xmlId } from './content.js';

/** A page of the printed book: its label and its first words. */
export interface PrintedPage {
  /** The page's number as the PDF labels it (`iv`, `14`). */
  label: string;
  /** The beginning of the page's text, without its running head and page number. */
  text: string;
  /** How many letters and digits the page has: how far the next page can be. */
  letters?: number;
}

/** A document the pages are looked for in, in reading order. */
interface Searched {
  path: string;
  tree: Root;
}

/** How many letters of a page's text are looked for. */
const patternLength = 48;

/** How many spans of a page's letters are looked for, one after another. */
const tries = 8;

/** Fewest letters a page must have to be looked for (a page of a figure alone has none to find). */
const shortest = 12;

/** Letters and digits, lower case: what the print and the EPUB have in common. */
export function comparable(text: string): string {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).join('').toLowerCase();
}

/**
 * Elements whose text the print does not show as text: formulas (KaTeX's glyphs in the print,
 * MathML here), a drawing's title and description, styles.
 */
const skipped = new Set(['math', 'title', 'desc', 'script', 'style']);

/**
 * Mark where each printed page begins, and list the pages.
 *
 * @param documents The EPUB's documents in reading order; their trees get the page breaks.
 * @param printed The printed pages in order.
 * @returns The page list: each found page's label and link.
 */
export function placePageBreaks(
  documents: readonly Searched[],
  printed: readonly PrintedPage[],
): { label: string; href: string }[] {
  // Every letter of the documents; each text node's first letter, and each letter's offset in its
  // node. A drawing's letters all stand before the drawing: a page break cannot go inside it.
  let letters = '';
  const nodes: { document: number; node: Text | Element; parent: Parents; start: number }[] = [];
  const offsets: number[] = [];
  const add = (text: string, entry: Omit<(typeof nodes)[number], 'start'>, inside: boolean) => {
    const start = letters.length;
    let offset = 0;
    for (const character of text) {
      const kept = comparable(character);
      letters += kept;
      for (let count = 0; count < kept.length; count++) offsets.push(inside ? 0 : offset);
      offset += character.length;
    }
    if (letters.length > start) nodes.push({ ...entry, start });
  };
  for (const [index, document] of documents.entries()) {
    visit(document.tree, (node, _index, parent) => {
      if (parent === undefined) return undefined;
      if (node.type === 'element' && node.tagName === 'svg') {
        add(drawingText(node), { document: index, node, parent }, true);
        return SKIP;
      }
      if (node.type === 'element' && skipped.has(node.tagName)) return SKIP;
      if (node.type === 'text') add(node.value, { document: index, node, parent }, false);
      return undefined;
    });
  }
  /** The text node a letter is in. */
  const nodeAt = (position: number) => {
    let low = 0;
    let high = nodes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (nodes[middle]!.start <= position) low = middle;
      else high = middle - 1;
    }
    return nodes[low]!;
  };
  const found: { label: string; position: number }[] = [];
  const seen = new Set<string>();
  let cursor = 0;
  // How many letters the pages since the last one found hold: the next page is at most about
  // that far (twice it, and a margin, as the EPUB sets some things longer than the print).
  let since = 0;
  for (const page of printed) {
    const reach = page.letters === undefined ? Infinity : 2 * since + 1000;
    since += page.letters ?? 0;
    if (seen.has(page.label)) continue;
    // A page that opens with what the EPUB has no text for (an image's words, a formula) is
    // found by its next words.
    const text = comparable(page.text);
    let position: number | undefined;
    let lookedFrom = 0;
    for (const skip of wordStarts(page.text, tries)) {
      const pattern = text.slice(skip, skip + patternLength);
      if (pattern.length < shortest) break;
      position = find(letters, pattern, cursor, reach);
      lookedFrom = skip;
      if (position !== undefined) break;
    }
    if (position === undefined) continue;
    position = exactStart(letters, position, text.slice(lookedFrom, lookedFrom + patternLength));
    found.push({ label: page.label, position });
    seen.add(page.label);
    cursor = position + 1;
    since = page.letters ?? 0;
  }
  // Inserted from the last, so that the offsets of earlier breaks in a text node stay right.
  const breaks = found.map(({ label, position }) => ({ label, ...nodeAt(position), offset: offsets[position]! }));
  for (const mark of [...breaks].reverse()) insertBreak(mark.parent, mark.node, mark.offset, mark.label);
  return breaks.map((mark) => ({
    label: mark.label,
    href: `${documents[mark.document]!.path}#${pageId(mark.label)}`,
  }));
}

/**
 * Where to start looking for a page's words: its first letter, then word after word, each at
 * least `shortest` letters after the last, so that a later try starts at a word.
 *
 * @returns Offsets in the page's comparable letters.
 */
function wordStarts(text: string, count: number): number[] {
  const starts = [0];
  let letters = 0;
  for (const word of text.split(/\s+/)) {
    if (starts.length === count) break;
    if (letters >= (starts.at(-1) ?? 0) + shortest) starts.push(letters);
    letters += comparable(word).length;
  }
  return starts;
}

/** How many letters must agree exactly where a page break is put: eight, else four. */
const anchorLengths = [8, 4];

/**
 * Where a page found with errors really starts: an approximate match may begin a letter or two
 * early (the last letter of the page before) or take in letters the EPUB does not have (a list's
 * number, an image's words). The page starts where its first letters, less as few of them as
 * need be, stand exactly, near the match.
 *
 * @param letters Every letter of the documents.
 * @param position Where the approximate match begins.
 * @param pattern The letters that were looked for.
 * @returns The page's start.
 */
function exactStart(letters: string, position: number, pattern: string): number {
  const allowed = Math.floor(pattern.length / 5);
  const from = Math.max(0, position - allowed);
  const window = letters.slice(from, position + pattern.length);
  // Eight letters first; four where the page interleaves what the EPUB has not (the contents'
  // page numbers between its titles).
  for (const length of anchorLengths)
    for (let dropped = 0; dropped + length <= pattern.length && dropped <= 2 * allowed; dropped++) {
      const at = window.indexOf(pattern.slice(dropped, dropped + length));
      if (at >= 0) return from + at;
    }
  return position;
}

/** The words of a drawing, in the order the print's text has them. */
function drawingText(svg: Element): string {
  let text = '';
  visit(svg, (node) => {
    if (node.type === 'element' && skipped.has(node.tagName)) return SKIP;
    if (node.type === 'text') text += node.value;
    return undefined;
  });
  return text;
}

/** The id of a page's break. */
export const pageId = (label: string) => xmlId(`page-${label}`);

/**
 * Where `pattern` stands in `text` at or after `from`, at most `reach` letters on: the nearest
 * place with the fewest errors (a fifth of its letters at most), looked for in a window that
 * grows to the reach.
 */
function find(text: string, pattern: string, from: number, reach: number): number | undefined {
  const allowed = Math.floor(pattern.length / 5);
  const last = Math.min(text.length, from + reach);
  for (let window = 20_000; ; window *= 8) {
    const end = Math.min(last, from + window);
    const matches = search(text.slice(from, end), pattern, allowed);
    if (matches.length > 0) {
      const fewest = Math.min(...matches.map((match) => match.errors));
      const best = matches.filter((match) => match.errors === fewest).sort((a, b) => a.start - b.start)[0];
      if (best) return from + best.start;
    }
    if (end === last) return undefined;
  }
}

/**
 * Put a page break before the character at `offset` of a text node, or before a drawing. A text
 * node keeps the text before it, so that an earlier break in the same node, put in next, finds it.
 */
function insertBreak(parent: Parents, node: Text | Element, offset: number, label: string): void {
  const mark: Element = {
    type: 'element',
    tagName: 'span',
    properties: { id: pageId(label), role: 'doc-pagebreak', 'epub:type': 'pagebreak', ariaLabel: label },
    children: [],
  };
  if (node.type === 'element') {
    parent.children.splice(parent.children.indexOf(node), 0, mark);
    return;
  }
  const after: Text = { type: 'text', value: node.value.slice(offset) };
  node.value = node.value.slice(0, offset);
  parent.children.splice(parent.children.indexOf(node) + 1, 0, mark, after);
}
