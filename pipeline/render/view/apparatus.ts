/**
 * Book → view models of the apparatus: what changed, references, lists of figures and tables.
 */
import { htmlParts } from '../../shared/escape-html.js';
import { languagePattern } from '../../model/schema.js';
import { isCjk, languageFor } from '../../data/languages/index.js';
import { langWithin } from '../../data/scripts.js';
import { escapeHtml } from '../../shared/escape-html.js';
import { toHtml } from 'hast-util-to-html';
import { keyMessagesId, referencesId } from '../../assemble/toc.js';
import type { Book } from '../../model/types.js';
import type { Element, Root } from 'hast';
import { walk } from '../../shared/walk.js';
import { citeprocHtml, fragmentText, siteLinks } from './fragment.js';
import { chapterLabel, pageView, type PageNumbers, type TocEntryView } from './view.js';
import { pages } from '../../assemble/pages.js';

/** The Changes page: every page with changes since a revision, and links to them. */
export interface ChangesView {
  since: string;
  pages: {
    title: string;
    href: string;
    changes: { href: string; kind: string; excerpt: string }[];
    removed: number;
    card: boolean;
  }[];
}

/**
 * @param book The assembled book, built with `since`.
 * @param since The revision compared with.
 * @param base The site root, seen from the page.
 * @returns The Changes page's view; pages without changes are left out.
 */
export function changesView(book: Book, since: string, base: string): ChangesView {
  const entries = [
    ...book.chapters.map((chapter) => ({
      title: chapter.title,
      page: base + pages.chapter(chapter.slug),
      changes: chapter.changes,
      content: chapter.content,
    })),
    ...book.cases.map((item) => ({
      title: item.title,
      page: base + pages.case(item.slug),
      changes: item.changes,
      content: item.content,
    })),
  ];
  const links = siteLinks(book, base);
  // A changed block's excerpt as the page shows it: numbers and citations, not their Markdown.
  // The changed blocks of a body, by id, found in one walk of it.
  const changedBlocks = (content: Root, ids: ReadonlySet<string>) => {
    const found = new Map<string, Element>();
    walk(content, 'element', (node) => {
      const id = node.properties['id'];
      if (typeof id === 'string' && ids.has(id)) found.set(id, node);
    });
    return found;
  };
  const excerpt = (block: Element | undefined, fallback: string) => {
    const text = block ? fragmentText(block, links) : fallback;
    return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  };
  return {
    since,
    pages: entries
      .filter(({ changes }) => changes && (changes.blocks.length > 0 || changes.removed.length > 0 || changes.matter))
      .map(({ title, page, changes, content }) => {
        const blocks = changes?.blocks ?? [];
        const found = changedBlocks(content, new Set(blocks.map((change) => change.id)));
        return {
          title,
          href: page,
          changes: blocks.map((change) => ({
            href: `${page}#${change.id}`,
            kind: change.kind,
            excerpt: excerpt(found.get(change.id), change.excerpt),
          })),
          removed: changes?.removed.length ?? 0,
          card: changes?.matter ?? false,
        };
      }),
  };
}

/** The list of references. */
export interface ReferencesView {
  id: string;
  title: string;
  /** `lang` where the entry's language is not the page's (an English work in the Chinese edition). */
  entries: { id: string; html: string; lang: string | null }[];
}

/**
 * The language of a reference entry: its item's, or, when it declares none, "undetermined, in
 * Latin script" for a work written without CJK characters on a CJK page (so that it is set as
 * Latin text: italic titles, not the bold that stands for emphasis in CJK text).
 */
function entryLanguage(entry: Book['cited']['references'][number], page: string): string | null {
  // A tag only: biblatex's `language = {langlatin}` names a babel language, not a tag.
  if (entry.language && languagePattern.test(entry.language)) return langWithin(entry.language, page);
  return isCjk(languageFor(page).script) && entry.latin ? 'und-Latn' : null;
}

/** Runs of CJK characters and punctuation. */
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+/gu;

/**
 * An entry in another language on a CJK page: the page's own words in it (the locale's "等" for
 * "et al.") marked with the page's language, so that a screen reader and the PDF's tags read them
 * as such.
 */
function pageScriptWithin(html: string, page: string): string {
  if (!isCjk(languageFor(page).script)) return html;
  return htmlParts(html)
    .map((part) => (part.startsWith('<') ? part : part.replace(cjkRun, (run) => `<span lang="${page}">${run}</span>`)))
    .join('');
}

/**
 * @param book The book, with its citations formatted.
 * @returns The references, or `null` when nothing is cited.
 */
export function referencesView(book: Book): ReferencesView | null {
  if (book.cited.references.length === 0) return null;
  return {
    id: referencesId,
    title: book.labels.references,
    entries: book.cited.references.map((entry) => {
      const lang = entryLanguage(entry, book.settings.language);
      const html = toHtml(citeprocHtml(entry.html));
      return { id: entry.id, html: lang ? pageScriptWithin(html, book.settings.language) : html, lang };
    }),
  };
}

/** Every chapter's key messages, numbered through the book. */
export interface KeyMessagesView {
  id: string;
  title: string;
  chapters: {
    label: string | null;
    titleHtml: string;
    href: string;
    lang: string | null;
    /** The number of its first message. */
    start: number;
    messages: string[];
  }[];
}

/**
 * The key messages of every chapter that has some, as the book lists them before its chapters:
 * numbered through the book, each chapter's under its title, as its own panel numbers them.
 *
 * @param book The book.
 * @param href URL of a chapter, seen from the page.
 * @returns The list, or `null` when no chapter has key messages.
 */
export function keyMessagesView(book: Book, href: (id: string) => string): KeyMessagesView | null {
  const chapters = book.chapters.flatMap((chapter) =>
    chapter.keyMessages
      ? [
          {
            label: chapterLabel(chapter, book.labels),
            titleHtml: chapter.titleHtml,
            href: href(chapter.id),
            lang: langWithin(chapter.language, book.settings.language),
            start: chapter.keyMessagesFrom,
            messages: chapter.keyMessages,
          },
        ]
      : [],
  );
  return chapters.length === 0 ? null : { id: keyMessagesId, title: book.labels.keyMessages, chapters };
}

/** A list of figures or tables. */
export interface ListView {
  id: string;
  title: string;
  entries: TocEntryView[];
}

/**
 * The lists of figures and tables the settings ask for, each only when the book has some.
 *
 * @param book The book.
 * @param href URL of an element, seen from the page.
 * @param pages Page of each element, when known.
 * @returns The lists.
 */
export function listsView(book: Book, href: (page: string, id: string) => string, pages?: PageNumbers): ListView[] {
  const list = (id: string, title: string, targets: Book['xrefs']['figures']): ListView => ({
    id,
    title,
    entries: targets.map((target) => ({
      id: target.id,
      href: href(target.page, target.id),
      label: target.number,
      title: target.title,
      titleHtml: escapeHtml(target.title),
      lang: null,
      part: false,
      ...pageView(pages, target.id),
      children: [],
    })),
  });
  return [
    ...(book.settings.listOfFigures && book.xrefs.figures.length > 0
      ? [list('list-of-figures', book.labels.listOfFigures, book.xrefs.figures)]
      : []),
    ...(book.settings.listOfTables && book.xrefs.tables.length > 0
      ? [list('list-of-tables', book.labels.listOfTables, book.xrefs.tables)]
      : []),
  ];
}
