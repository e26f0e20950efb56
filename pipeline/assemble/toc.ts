/**
 * Book → table of contents: chapters with their sections, then the case compendium with its cases.
 */
import { partLabel } from '../data/languages/index.js';
import { langWithin } from '../data/scripts.js';
import type { Book, TocEntry } from '../model/types.js';

export type { TocEntry };
import { indicesId } from './indices.js';

/** Id of the compendium's opening heading. */
export const compendiumId = 'compendium';

/** Id of the list of references. */
export const referencesId = 'references';

/** Id of the key messages of every chapter, listed where the book opens: no slug holds a dot. */
export const keyMessagesId = 'key.messages';

/**
 * Build the table of contents, in the book's language.
 *
 * @param book The assembled book.
 * @returns Entries in reading order.
 */
export function buildToc(book: Book): TocEntry[] {
  const { labels, settings } = book;
  const entries: TocEntry[] = book.chapters.flatMap((chapter) => {
    const lang = langWithin(chapter.language, settings.language);
    // A part's entry stands before its first chapter, at the same level (and so in the outline).
    const part: TocEntry[] = chapter.part
      ? [
          {
            id: chapter.part.id,
            label: partLabel(labels, chapter.part.number),
            title: chapter.part.title,
            titleHtml: chapter.part.titleHtml,
            lang,
            part: true,
            children: [],
          },
        ]
      : [];
    const entry: TocEntry = {
      id: chapter.id,
      label: chapter.number === null ? null : String(chapter.number),
      title: chapter.title,
      titleHtml: chapter.titleHtml,
      lang,
      children: chapter.sections.map((section) => ({
        id: section.id,
        label: null,
        title: section.title,
        lang,
        children: [],
      })),
    };
    return [...part, entry];
  });
  // The key messages stand before the chapters, as flagship reports list them.
  if (book.chapters.some((chapter) => chapter.keyMessages))
    entries.unshift({ id: keyMessagesId, label: null, title: labels.keyMessages, children: [] });
  if (book.cited.references.length > 0)
    entries.push({ id: referencesId, label: null, title: labels.references, children: [] });
  if (book.cases.length > 0) {
    entries.push({
      id: compendiumId,
      label: null,
      title: labels.compendium,
      children: [
        ...book.cases.map((item) => ({
          id: item.id,
          label: null,
          title: item.title,
          titleHtml: item.titleHtml,
          lang: langWithin(item.titleLanguage, settings.language),
          children: [],
        })),
        { id: indicesId, label: null, title: labels.indices, children: [] },
      ],
    });
  }
  return entries;
}

/**
 * Ids of every part and chapter, in book order: each part's before its first chapter's.
 *
 * @param book The book.
 * @returns The ids.
 */
export function partAndChapterIds(book: Pick<Book, 'chapters'>): string[] {
  return book.chapters.flatMap((chapter) => (chapter.part ? [chapter.part.id, chapter.id] : [chapter.id]));
}

/**
 * Every entry of a table of contents, depth first.
 *
 * @param entries Top-level entries.
 * @returns Entries and their descendants in reading order.
 */
export function flattenToc(entries: readonly TocEntry[]): TocEntry[] {
  return entries.flatMap((entry) => [entry, ...flattenToc(entry.children)]);
}
