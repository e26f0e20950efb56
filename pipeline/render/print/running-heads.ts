/**
 * No running head on a page where a chapter (or a case, the references, the compendium, the
 * indices) opens: its title stands right below. Chromium cannot style the first page of a named
 * page group, so the printed head is taken out of those pages afterwards.
 */
import type { PDFDocument } from 'pdf-lib';
import { readStream, writeStream } from './content.js';
import { contentStreams } from './page-numbers.js';

/** A text object and where it is drawn from (the `y` of its first `Tm`). */
const textObject = /(?<=^|\s)BT\s[\s\S]*?\sET(?=\s|$)/g;
const firstMatrixY = /\s(-?[\d.]+)\s+Tm\b/;

/**
 * Take the running head off some pages. Skia draws a page's margin boxes first, before the clip
 * of the page area (`W n`): the head is the text object among them in the upper half of the page,
 * above the footer's.
 *
 * @param doc The printed PDF; changed in place.
 * @param pages Pages (1-based) where a part opens.
 * @returns How many heads were taken out.
 */
export function dropRunningHeads(doc: PDFDocument, pages: Iterable<number>): number {
  let dropped = 0;
  const all = doc.getPages();
  for (const number of new Set(pages)) {
    const page = all[number - 1];
    const [first] = page ? contentStreams(page) : [];
    const text = first ? readStream(doc, first) : undefined;
    if (!first || text === undefined) continue;
    const result = withoutRunningHead(text);
    if (result.dropped === 0) continue;
    writeStream(doc, first, result.text);
    dropped += result.dropped;
  }
  return dropped;
}

/**
 * A page's first content stream without its running head.
 *
 * @param text The stream's text.
 * @returns The text, and how many text objects went (none: the same text).
 */
export function withoutRunningHead(text: string): { text: string; dropped: number } {
  const clip = /\sW\*?\s+n\s/.exec(text)?.index ?? -1;
  if (clip === -1) return { text, dropped: 0 };
  const margins = [...text.slice(0, clip).matchAll(textObject)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    y: Number(firstMatrixY.exec(match[0])?.[1]),
  }));
  const lowest = Math.max(...margins.map((box) => box.y).filter(Number.isFinite));
  // Text space runs downwards here (Skia flips it): the head has the smallest `y`.
  const heads = margins.filter((box) => Number.isFinite(box.y) && box.y < lowest / 2);
  if (heads.length === 0 || heads.length === margins.length) return { text, dropped: 0 };
  let patched = '';
  let at = 0;
  for (const head of heads) {
    patched += text.slice(at, head.start);
    at = head.end;
  }
  return { text: patched + text.slice(at), dropped: heads.length };
}
