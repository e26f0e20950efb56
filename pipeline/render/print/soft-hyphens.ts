/**
 * Soft hyphens (U+00AD) put in at build time break lines in the print; Skia records each one as
 * a marked span whose `ActualText` is U+00AD, so that copied or searched text would read
 * "il­lus­tra­tive". The soft hyphens are taken out of them: a soft hyphen stands for nothing, and where a line
 * breaks at one, the hyphen drawn there is ordinary text.
 */
import type { PDFDocument } from 'pdf-lib';
import { PageStreams } from './content.js';
import { withoutRunningHead } from './running-heads.js';
import { markArtifacts } from './artifacts.js';
import { contentStreams } from './page-numbers.js';

/** An `ActualText` in UTF-16 (hexadecimal, with its byte-order mark) that holds a soft hyphen. */
const actualText = /\/ActualText\s*<feff((?:[0-9a-f]{4})*)>/gi;

/**
 * A content stream's text with its soft hyphens' `ActualText` emptied.
 *
 * @param text The stream's text.
 * @returns The text, and how many were emptied (none: the same text).
 */
export function withoutSoftHyphens(text: string): { text: string; cleared: number } {
  if (!text.includes('/ActualText')) return { text, cleared: 0 };
  let cleared = 0;
  const patched = text.replace(actualText, (whole, units: string) => {
    const kept = (units.match(/.{4}/g) ?? []).filter((unit) => unit.toLowerCase() !== '00ad');
    if (kept.length * 4 === units.length) return whole;
    cleared++;
    // A ligature across a soft hyphen (f­f) keeps its letters.
    return kept.length === 0 ? '/ActualText <>' : `/ActualText <feff${kept.join('')}>`;
  });
  return { text: patched, cleared };
}

/**
 * The clean-ups of a printed book in one reading of each page: the running head off the pages
 * where a part opens, the soft hyphens out of every page's text (when the print held any), and
 * what Chromium left untagged marked as artifacts (PDF/UA).
 *
 * @param doc The printed PDF; changed in place.
 * @param openers Pages (1-based) where a part opens.
 * @param hyphens Whether the print held soft hyphens.
 * @param streams Edits made before (page numbers): stored with these; every edit is in the document when this resolves.
 */
export async function cleanPages(
  doc: PDFDocument,
  openers: Iterable<number>,
  hyphens: boolean,
  streams = new PageStreams(doc),
): Promise<void> {
  const opening = new Set(openers);
  for (const [index, page] of doc.getPages().entries()) {
    const head = opening.has(index + 1);
    for (const [at, ref] of contentStreams(page).entries()) {
      const text = streams.read(ref);
      if (text === undefined) continue;
      const headless = head && at === 0 ? withoutRunningHead(text) : { text, dropped: 0 };
      const unhyphenated = hyphens ? withoutSoftHyphens(headless.text) : { text: headless.text, cleared: 0 };
      const marked = markArtifacts(unhyphenated.text, at === 0);
      if (headless.dropped > 0 || unhyphenated.cleared > 0 || marked.marked > 0 || streams.holds(ref))
        await streams.store(ref, marked.text);
    }
  }
  await streams.flush();
}
