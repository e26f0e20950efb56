/**
 * The site's search: an index of every page's words, built with the site and shipped as a
 * script (so that it works opened from disk, where a page may not fetch files), searched in the
 * browser by `templates/search.js`. Latin-script text is indexed by words, Chinese, Japanese and
 * Korean text by pairs of characters, so that any word of two or more characters is found.
 */

import { cjk } from '../../data/scripts.js';
import { createHash } from 'node:crypto';

/** A page of the site, as the index holds it. */
export interface SearchPage {
  /** Path below the edition's site root. */
  path: string;
  title: string;
  /** The page's HTML; its `<main>` is indexed. */
  html: string;
}

/**
 * The words of a text as the index and the query see them (the browser script tokenizes
 * queries the same way): lower case; runs of letters and digits; CJK runs as overlapping pairs.
 *
 * @param text Any text.
 * @returns Its tokens, repeated as often as they occur.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    // CJK meets Latin letters and digits without a space ("esg实践", "2026年"): each side is
    // tokenized on its own, so that "esg" finds it.
    const characters = [...run];
    let from = 0;
    for (let index = 1; index <= characters.length; index++) {
      const kind = cjk.test(characters[from] ?? '');
      if (index < characters.length && cjk.test(characters[index] ?? '') === kind) continue;
      const piece = characters.slice(from, index);
      if (kind) {
        if (piece.length === 1) tokens.push(piece.join(''));
        for (let at = 0; at + 1 < piece.length; at++) tokens.push(`${piece[at] ?? ''}${piece[at + 1] ?? ''}`);
      } else if (piece.length > 1) tokens.push(piece.join(''));
      from = index;
    }
  }
  return tokens;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an HTML page's `<main>`: tags dropped, entities decoded. */
export function mainText(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  const main = start === -1 || end === -1 ? html : html.slice(start, end);
  return (
    main
      .split('<')
      // Each piece after a `<` starts inside a tag: keep what follows its `>` (a linear scan).
      .map((piece, index) => (index === 0 ? piece : piece.slice(piece.indexOf('>') + 1 || piece.length)))
      .join(' ')
      .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
        if (name.startsWith('#x') || name.startsWith('#X'))
          return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
        return entities[name] ?? whole;
      })
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * The search index of an edition's site, as a script that sets `window.whitepaperSearch`.
 *
 * @param pages Every page of the edition with its HTML.
 * @returns The script's text.
 */
export function searchScript(pages: readonly SearchPage[]): string {
  const docs: [string, string, string][] = [];
  const index = new Map<string, [number, number][]>();
  for (const page of pages) {
    const { entry, counts } = pageIndex(page);
    const doc = docs.length;
    docs.push(entry);
    for (const [token, count] of counts) {
      const postings = index.get(token) ?? [];
      postings.push([doc, count]);
      index.set(token, postings);
    }
  }
  // JSON is JavaScript; `<` escaped so that no text of a page can close anything.
  const data = JSON.stringify({ docs, index: Object.fromEntries(index) }).replace(/</g, '\\u003c');
  sweep();
  return `window.whitepaperSearch = ${data};\n`;
}

/**
 * A page's part of the index, kept by a hash of its HTML: the preview re-renders few pages, and
 * an unchanged page keeps its HTML. Keyed by the hash, not the HTML itself, so that a build does
 * not keep every page's HTML alive while it prints. Entries unused in the last calls (as many as
 * a build has editions, and some) are dropped.
 */
const indexed = new Map<
  string,
  { title: string; entry: [string, string, string]; counts: Map<string, number>; used: number }
>();
let calls = 0;

function pageIndex(page: SearchPage): { entry: [string, string, string]; counts: Map<string, number> } {
  const key = createHash('sha1').update(page.html).digest('base64');
  const kept = indexed.get(key);
  if (kept && kept.title === page.title && kept.entry[0] === page.path) {
    kept.used = calls;
    return kept;
  }
  const text = mainText(page.html);
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  // A word of the title counts as ten mentions: the page about a thing comes before pages listing it.
  for (const token of tokenize(page.title)) counts.set(token, (counts.get(token) ?? 0) + 10);
  const entry: [string, string, string] = [page.path, page.title, text.length > 180 ? `${text.slice(0, 179)}…` : text];
  indexed.set(key, { title: page.title, entry, counts, used: calls });
  return { entry, counts };
}

/** Forget pages no call of the last few used. */
function sweep(): void {
  calls++;
  for (const [key, kept] of indexed) if (kept.used < calls - 8) indexed.delete(key);
}
