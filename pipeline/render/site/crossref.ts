/**
 * Book → Crossref's deposit (`crossref.xml`, schema 5.3.1): the book with its DOI, and each
 * chapter a content item with a DOI below the book's (`<book DOI>.<chapter slug>`), its page in
 * the site as what the DOI resolves to, and its printed pages when the build printed. Only what
 * the site publishes, and the depositor the settings name for the deposit.
 */
import { isbnDigits } from '../identifiers.js';
import { editionFolder, pages as paths } from '../../assemble/pages.js';
import type { Book } from '../../model/types.js';
import type { Templates } from '../templates.js';

/** Where the printed book's pages are, when the build printed it. */
export interface PrintedPages {
  /** Page (1-based) of each contents entry. */
  of: ReadonlyMap<string, number>;
  /** Each page's label, the first page's first. */
  labels: readonly string[];
}

/** A DOI suffix's characters that Crossref recommends: a slug of others gets the chapter's number. */
const suffixSafe = /^[A-Za-z0-9._-]+$/;

/**
 * The chapter DOIs below the book's.
 *
 * @param doi The book's DOI.
 * @param book The main edition.
 * @returns Chapter id → its DOI.
 */
export function chapterDois(doi: string, book: Book): Map<string, string> {
  return new Map(
    book.chapters.map((chapter, index) => [
      chapter.id,
      `${doi}.${suffixSafe.test(chapter.slug) ? chapter.slug : `chapter-${index + 1}`}`,
    ]),
  );
}

/**
 * Write the deposit.
 *
 * @param books Every edition, the main one first: the deposit is the main edition's.
 * @param templates Its layout (`crossref.xml.hbs`).
 * @param date The build date: the batch's timestamp.
 * @param printed The printed book's pages, when the build printed.
 * @returns The XML, or `undefined` when the settings ask for no deposit.
 */
export function crossrefDeposit(
  books: readonly Book[],
  templates: Templates,
  date: Date,
  printed?: PrintedPages,
): string | undefined {
  const [book] = books;
  const settings = book?.settings;
  const doi = settings?.imprint?.doi;
  if (!book || !settings?.crossref || !doi || !settings.baseUrl) return undefined;
  const base = new URL(
    editionFolder(settings.language, books.length > 1),
    settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`,
  );
  const contributors = (names: readonly string[]) =>
    names.map((name, index) => ({ name, sequence: index === 0 ? 'first' : 'additional' }));
  const [year = '', month = '', day = ''] = settings.date.split('-');
  const dois = chapterDois(doi, book);
  // A chapter ends where the next part of the book that has a page of its own starts.
  const starts = printed ? [...new Set(printed.of.values())].sort((a, b) => a - b) : [];
  const range = (id: string) => {
    const first = printed?.of.get(id);
    if (!printed || first === undefined) return null;
    const next = starts.find((page) => page > first) ?? printed.labels.length + 1;
    return { first: printed.labels[first - 1], last: printed.labels[Math.max(first, next - 1) - 1] };
  };
  const stamp = date.toISOString().replace(/\D/g, '').slice(0, 14);
  return templates.render('crossref.xml', {
    batch: `${settings.name}-${stamp}`,
    timestamp: stamp,
    depositor: settings.crossref.depositor,
    registrant: settings.crossref.registrant ?? settings.publisher,
    book: {
      language: settings.language,
      contributors: contributors(settings.author ? [settings.author] : []),
      title: settings.title,
      subtitle: settings.subtitle,
      abstract: settings.backCover?.text ?? null,
      date: { year, month, day },
      isbn: settings.imprint?.isbn === undefined ? null : isbnDigits(settings.imprint.isbn),
      publisher: settings.publisher,
      doi,
      url: new URL(paths.index, base).href,
    },
    chapters: book.chapters.map((chapter) => ({
      language: chapter.language,
      contributors: contributors(chapter.authors ?? []),
      title: chapter.title,
      abstract: chapter.summary ?? null,
      number: chapter.number === null ? null : String(chapter.number),
      pages: range(chapter.id),
      doi: dois.get(chapter.id),
      url: new URL(paths.chapter(chapter.slug), base).href,
    })),
  });
}
