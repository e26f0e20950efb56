/**
 * A PDF content stream as text and back, with Node's own zlib: pdf-lib's decoder and encoder are
 * JavaScript, and reading every page of a 1,000-page book through them took seconds.
 */
import { inflateSync, deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFName, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';

/**
 * The text of a stream (bytes as latin1, one character per byte).
 *
 * @param doc The PDF.
 * @param ref The stream.
 * @returns Its decoded text, or `undefined` when it is not a stream.
 */
export function readStream(doc: PDFDocument, ref: PDFRef): string | undefined {
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return undefined;
  const filter = stream.dict.get(PDFName.of('Filter'));
  // Chromium writes each content stream with the one filter, FlateDecode; anything else the slow way.
  const bytes =
    filter instanceof PDFName && filter.asString() === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))
      ? inflateSync(stream.contents)
      : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Replace a stream's content by text, compressed.
 *
 * @param doc The PDF; changed in place.
 * @param ref The stream.
 * @param text The new content (latin1).
 */
export function writeStream(doc: PDFDocument, ref: PDFRef, text: string): void {
  doc.context.assign(ref, doc.context.stream(deflateSync(Buffer.from(text, 'latin1')), { Filter: 'FlateDecode' }));
}
