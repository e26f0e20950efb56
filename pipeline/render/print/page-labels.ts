/**
 * Page labels: the front matter counts in lower-case roman numerals, the body in arabic numerals
 * from 1, in the footers (print.hbs), in the contents and in the PDF's `/PageLabels`, so that a
 * viewer's page box shows what the page says.
 */
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { roman } from '../../data/numerals.js';
import type { Book } from '../../model/types.js';

/**
 * The chapter the body opens with, where arabic numbering starts: the first numbered one.
 *
 * @param book The book.
 * @returns Its id, or `undefined` in a book without numbered chapters.
 */
export function bodyChapterId(book: Pick<Book, 'chapters'>): string | undefined {
  return book.chapters.find((chapter) => chapter.number !== null)?.id;
}

/**
 * What each page is called.
 *
 * @param bodyStart The first page of the body (1-based), where arabic numbering starts at 1;
 *   `undefined` when the book has no front matter to tell apart.
 * @returns Physical page (1-based) → its label.
 */
export function pageLabel(bodyStart: number | undefined): (page: number) => string {
  if (bodyStart === undefined) return (page) => String(page);
  return (page) => (page < bodyStart ? roman(page) : String(page - bodyStart + 1));
}

/**
 * Write the `/PageLabels` number tree: roman from the first page, arabic from the body's.
 *
 * @param doc The PDF.
 * @param bodyStart The body's first page (1-based), or `undefined` (arabic throughout).
 */
export function setPageLabels(doc: PDFDocument, bodyStart: number | undefined): void {
  const { context } = doc;
  const style = (name: 'r' | 'D') => context.obj({ S: PDFName.of(name) });
  const nums =
    bodyStart === undefined || bodyStart <= 1
      ? [PDFNumber.of(0), style('D')]
      : [PDFNumber.of(0), style('r'), PDFNumber.of(bodyStart - 1), style('D')];
  doc.catalog.set(PDFName.of('PageLabels'), context.obj({ Nums: context.obj(nums) }));
}
