/**
 * Soft hyphens (U+00AD) put in at build time break lines in the print; Skia records each one as
 * a marked span whose `ActualText` is U+00AD, so that copied or searched text would read
 * "il­lus­tra­tive". The soft hyphens are taken out of them: a soft hyphen stands for nothing, and where a line
 * breaks at one, the hyphen drawn there is ordinary text.
 */
import { decodePDFRawStream, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { contentStreams } from './page-numbers.js';

/** An `ActualText` in UTF-16 (hexadecimal, with its byte-order mark) that holds a soft hyphen. */
const actualText = /\/ActualText\s*<feff((?:[0-9a-f]{4})*)>/gi;

/**
 * Empty the soft hyphens' `ActualText` on every page.
 *
 * @param doc The printed PDF; changed in place.
 * @returns How many were emptied.
 */
export function clearSoftHyphens(doc: PDFDocument): number {
  let cleared = 0;
  for (const page of doc.getPages()) {
    for (const ref of contentStreams(page)) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      let found = 0;
      const patched = text.replace(actualText, (whole, units: string) => {
        const kept = (units.match(/.{4}/g) ?? []).filter((unit) => unit.toLowerCase() !== '00ad');
        if (kept.length * 4 === units.length) return whole;
        found++;
        // A ligature across a soft hyphen (f­f) keeps its letters.
        return kept.length === 0 ? '/ActualText <>' : `/ActualText <feff${kept.join('')}>`;
      });
      if (found === 0) continue;
      doc.context.assign(ref, doc.context.flateStream(Buffer.from(patched, 'latin1')));
      cleared += found;
    }
  }
  return cleared;
}
