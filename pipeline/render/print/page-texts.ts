/**
 * A printed PDF → each page's label and first words, read from the page area only (the running
 * head and the page number stand in the margins): what the EPUB's page list finds the pages by.
 */
import { openPdf } from '../../shared/pdfjs.js';
import { comparable, type PrintedPage } from '../epub/page-list.js';
import { pageTopMargin } from './notes.js';

/** How many characters of a page's text are kept. */
const kept = 200;

/**
 * Read each page's label and the beginning of its text.
 *
 * @param bytes The printed PDF.
 * @param css The print's style sheet, for the pages' margins.
 * @returns The pages in order.
 */
export async function printedPages(bytes: Uint8Array, css: string): Promise<PrintedPage[]> {
  const doc = await openPdf(bytes);
  const margin = pageTopMargin(css);
  try {
    const labels = (await doc.getPageLabels()) ?? [];
    const pages: PrintedPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [, bottom = 0, , top = 0] = page.view;
      let text = '';
      let letters = 0;
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item)) continue;
        const y = (item.transform as number[])[5] ?? 0;
        if (y < bottom + margin * 0.8 || y > top - margin * 0.8) continue;
        if (text.length < kept) text += item.str + (item.hasEOL ? ' ' : '');
        letters += comparable(item.str).length;
      }
      pages.push({ label: labels[number - 1] ?? String(number), text: text.slice(0, kept), letters });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
