/**
 * pdf.js, as the pipeline reads PDFs with it: a file's bytes, no script evaluation, no font
 * loading, nothing printed, and past a damaged object rather than stopping at it.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

/**
 * Open a PDF with pdf.js (loaded on first use: only the stages that read PDFs pay for it).
 *
 * @param bytes The file (copied: pdf.js detaches what it is given).
 * @returns The document; the caller destroys it.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
}
