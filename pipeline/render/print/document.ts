/**
 * Book → the print document: one HTML file with cover, contents, chapters and compendium.
 */
import type { Book, CaseStudy, Chapter } from '../../model/types.js';
import { anchorNotes, draftNotes } from './notes.js';
import type { RenderContext } from '../context.js';
import { printLinks } from '../view/fragment.js';
import { hyphenatorFor } from '../view/hyphenate.js';
import { compendiumId, referencesId } from '../../assemble/toc.js';
import { caseEndId, printIds } from './ids.js';
import { bookView, caseView, chapterView, draftLine, sdgStylesheet, tocView, type PageNumbers } from '../view/view.js';
import { keyMessagesView, listsView, referencesView } from '../view/apparatus.js';
import { compendiumView, indicesView } from '../view/compendium.js';

/** Options of `renderPrintHtml`. */
export interface PrintHtmlOptions {
  /** Page of each table-of-contents id, or a placeholder for it. */
  pages?: PageNumbers | undefined;
  /** The site's root seen from the print document, for images. Default `../site/`. */
  site?: string | undefined;
  /** Ids of what a blank verso goes before (parts, chapters, references, compendium), so that it opens on a recto. */
  blanks?: ReadonlySet<string> | undefined;
  /** A blank page before the back cover, so that it is a verso. */
  blankBeforeBack?: boolean | undefined;
  /** Set the contents tighter (their last page would hold only a few entries). */
  compactContents?: boolean | undefined;
  /** Ids of the cases set a little tighter (their last page would hold only a few lines). */
  tightCases?: ReadonlySet<string> | undefined;
}

/**
 * Render the print document. Each chapter and case runs on a named page of its own, whose
 * `@page` rule carries its title as the running header.
 *
 * @param book The assembled book.
 * @param context Templates and marks.
 * @param options Page numbers, where the site is.
 * @returns HTML.
 */
export function renderPrintHtml(book: Book, context: RenderContext, options: PrintHtmlOptions = {}): string {
  const { templates, marks } = context;
  const { pages } = options;
  const { toc } = book;
  const { labels } = book;
  const runningHeads: { name: string; title: string; front: boolean }[] = [];
  // `front`: numbered in roman numerals, like the contents (unnumbered chapters before the first numbered one).
  const named = <T extends { title: string }>(item: T, front = false) => {
    const name = `running-${runningHeads.length + 1}`;
    runningHeads.push({ name, title: item.title, front });
    return { ...item, pageName: name };
  };
  const links = printLinks(book, options.site ?? '../site/', hyphenatorFor(book.settings.language));
  // A draft's open comments: an anchor where each quote starts, a note there once printed.
  const notes = draftNotes(book, marks);
  const noted = <T extends Chapter | CaseStudy>(part: T): T => {
    const own = notes.get(part);
    return own ? { ...part, content: anchorNotes(part.content, own) } : part;
  };
  const firstNumbered = book.chapters.findIndex((chapter) => chapter.number !== null);
  // A blank verso before what would open on a left-hand page: counted with the front matter
  // before the first numbered chapter (so that its page is 1), with the body after.
  const blank = (id: string, front = false) => (options.blanks?.has(id) ? (front ? 'front' : 'body') : null);
  const chapters = book.chapters.map((chapter, index) => {
    // Before the first numbered chapter (or in a book without one), a blank or a divider counts
    // with the front matter.
    const front = firstNumbered === -1 || index <= firstNumbered;
    return {
      ...named(chapterView(noted(chapter), links, book), firstNumbered !== -1 && index < firstNumbered),
      since: marks.since,
      labels,
      blank: blank(chapter.id, front),
      partPage: front && firstNumbered !== -1 ? 'front' : 'body',
      partBlank: chapter.part ? blank(chapter.part.id, front) : null,
    };
  });
  const referencesPart = referencesView(book);
  const references = referencesPart ? { ...named(referencesPart), blank: blank(referencesId) } : null;
  const href = (id: string) => `#${id}`;
  const opening = compendiumView(book, toc, href, pages);
  // Its charts' figures group the drawing and its caption (`Links.figureRole`).
  const compendium = opening ? { ...named(opening), blank: blank(compendiumId), figureRole: 'group' } : null;
  const cases = book.cases.map((item) => ({
    ...named(caseView(noted(item), links, book)),
    since: marks.since,
    labels,
    endId: caseEndId(item.id),
    tight: options.tightCases?.has(item.id) === true,
  }));
  const indices = opening ? named(indicesView(book, href, pages)) : null;
  const draft = draftLine(marks.draft, labels);
  return printIds(
    taggedLanguages(
      templates.render('layouts/print', {
        lang: book.settings.language,
        fonts: `${options.site ?? '../site/'}assets/fonts.css`,
        // The site's root seen from the print document: the cover's images are the site's.
        site: options.site ?? '../site/',
        draft,
        changeBars: draft !== null && marks.since !== null,
        book: bookView(book.settings),
        labels,
        runningHeads,
        sdgCss: sdgStylesheet(),
        toc: tocView(toc, href, pages),
        compactContents: options.compactContents === true,
        blankBeforeBack: options.blankBeforeBack === true,
        lists: listsView(book, (_page, id) => `#${id}`, pages),
        keyMessages: keyMessagesView(book, href),
        references,
        cases,
        chapters,
        compendium,
        indices,
        notes: [...notes.values()].flat(),
      }),
    ),
  );
}

/**
 * A word in another language within a paragraph (`<span lang="zh">`) keeps its language in the
 * tagged PDF: Chromium gives a span a structure element of its own, with `/Lang`, only when the
 * span is a node of its accessibility tree, which an explicit `role="generic"` makes it.
 *
 * @param html The print document.
 * @returns It, with each span that opens with its `lang` so marked.
 */
export function taggedLanguages(html: string): string {
  return html.replaceAll('<span lang="', '<span role="generic" lang="');
}
