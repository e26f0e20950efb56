/**
 * Book → the print document: one HTML file with cover, contents, chapters and compendium.
 */
import type { TocEntry } from '../assemble/toc.js';
import type { Book } from '../types.js';
import type { Templates } from './templates.js';
import { printLinks } from './fragment.js';
import { printIds } from './print-ids.js';
import { bookView, caseView, chapterView, draftLine, noMarks, sdgStylesheet, tocView, type Marks, type PageNumbers } from './view.js';
import { listsView, referencesView } from './view-apparatus.js';
import { compendiumView, indicesView } from './view-compendium.js';

/** Options of `renderPrintHtml`. */
export interface PrintHtmlOptions {
  /** Page of each table-of-contents id, or a placeholder for it. */
  pages?: PageNumbers | undefined;
  /** Draft (watermark, footer line, change bars) and `--since` revision. */
  marks?: Marks | undefined;
  /** The site's root seen from the print document, for images. Default `../site/`. */
  site?: string | undefined;
}

/**
 * Render the print document. Each chapter and case runs on a named page of its own, whose
 * `@page` rule carries its title as the running header.
 *
 * @param book The assembled book.
 * @param toc Its table of contents.
 * @param templates Compiled templates.
 * @param options Page numbers, marks, where the site is.
 * @returns HTML.
 */
export function renderPrintHtml(book: Book, toc: readonly TocEntry[], templates: Templates, options: PrintHtmlOptions = {}): string {
  const { pages, marks = noMarks } = options;
  const { labels } = book;
  const runningHeads: { name: string; title: string }[] = [];
  const named = <T extends { title: string }>(item: T) => {
    const name = `running-${runningHeads.length + 1}`;
    runningHeads.push({ name, title: item.title });
    return { ...item, pageName: name };
  };
  const links = printLinks(book, options.site ?? '../site/');
  const chapters = book.chapters.map((chapter) => ({ ...named(chapterView(chapter, links, book)), since: marks.since, labels }));
  const referencesPart = referencesView(book);
  const references = referencesPart ? named(referencesPart) : null;
  const href = (id: string) => `#${id}`;
  const opening = compendiumView(book, toc, href, pages);
  const compendium = opening ? named(opening) : null;
  const cases = book.cases.map((item) => ({ ...named(caseView(item, links, book)), since: marks.since, labels }));
  const indices = opening ? named(indicesView(book, href, pages)) : null;
  const draft = draftLine(marks.draft, labels);
  return printIds(templates.render('layouts/print', {
    lang: book.settings.language,
    draft,
    changeBars: draft !== null && marks.since !== null,
    book: bookView(book.settings),
    labels,
    runningHeads,
    sdgCss: sdgStylesheet(),
    toc: tocView(toc, href, pages),
    lists: listsView(book, (_page, id) => `#${id}`, pages),
    references,
    cases,
    chapters,
    compendium,
    indices,
  }));
}
