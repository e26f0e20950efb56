/**
 * The book PDF → the page range of each case, and a standalone PDF per case cut from it.
 */
import type { PDFDocument } from 'pdf-lib';
import { indicesId } from '../../assemble/indices.js';
import type { Book } from '../../model/types.js';
import type { PageRange } from '../context.js';
import { bodyChapterId, pageLabel } from './page-labels.js';
import { extractPages } from './split.js';

/**
 * Where each case starts and ends in the book: from its own page to the page before the next
 * case (or the indices) starts.
 *
 * @param book The assembled book.
 * @param pages Page of each table-of-contents id.
 * @param pageCount Pages in the book.
 * @returns Case slug → its pages.
 */
export function caseRanges(book: Book, pages: ReadonlyMap<string, number>, pageCount: number): Map<string, PageRange> {
  const ranges = new Map<string, PageRange>();
  // The body counts from the first numbered chapter, as the footers do.
  const body = bodyChapterId(book);
  const label = pageLabel(body === undefined ? undefined : pages.get(body));
  const starts = [...book.cases.map((item) => pages.get(item.id)), pages.get(indicesId) ?? pageCount + 1];
  for (const [index, item] of book.cases.entries()) {
    const from = starts[index];
    const next = starts.slice(index + 1).find((page) => page !== undefined) ?? pageCount + 1;
    if (from === undefined) continue;
    const to = Math.max(from, next - 1);
    ranges.set(item.slug, { from, to, printed: from === to ? label(from) : `${label(from)}–${label(to)}` });
  }
  return ranges;
}

/**
 * Cut a PDF per case out of the book: the pages the jury and the submitter see are exactly the
 * book's, page numbers included, and no browser is started again.
 *
 * @param source The final book PDF, as loaded by the print (not loaded again).
 * @param book The assembled book.
 * @param ranges From `caseRanges`.
 * @returns Case slug → PDF bytes.
 */
export async function extractCasePdfs(
  source: PDFDocument,
  book: Book,
  ranges: ReadonlyMap<string, PageRange>,
): Promise<Map<string, Uint8Array>> {
  const { settings } = book;
  return extractPages(
    source,
    book.cases.flatMap((item) => {
      const range = ranges.get(item.slug);
      if (!range) return [];
      return [
        {
          name: item.slug,
          ...range,
          metadata: {
            title: item.title,
            author: item.organization,
            subject: `${settings.title}, ${settings.edition}: ${book.labels.compendium}`,
            keywords: item.keywords ?? [],
            language: settings.language,
          },
        },
      ];
    }),
  );
}
