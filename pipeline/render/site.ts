/**
 * Book → the reviewers' HTML site: index, one page per chapter and per case, shared CSS.
 */
import { indicesId } from '../assemble/indices.js';
import { compendiumId, referencesId, type TocEntry } from '../assemble/toc.js';
import { labels } from '../data/labels.js';
import type { Book } from '../types.js';
import type { Templates } from './templates.js';
import { referencesPage, siteLinks } from './fragment.js';
import { bookView, caseView, chapterView, noMarks, sdgStylesheet, tocView, type Marks } from './view.js';
import { changesView, listsView, referencesView } from './view-apparatus.js';
import { compendiumView, indicesView } from './view-compendium.js';

/** A page of the site in reading order. */
interface SitePage {
  path: string;
  title: string;
  /** Renders the page body, given the URL of the site root seen from the page. */
  body: (root: string) => string;
}

/**
 * Render every page of the site. Pure: the caller writes the files and copies `book.assets`.
 *
 * @param book The assembled book.
 * @param toc Its table of contents.
 * @param templates Compiled templates.
 * @param marks Draft label and `--since` revision.
 * @returns Path below the site root → file text.
 */
export function renderSite(book: Book, toc: readonly TocEntry[], templates: Templates, marks: Marks = noMarks): Map<string, string> {
  const view = bookView(book.settings);
  const pageOf = pageIndex(book);
  const href = (root: string) => (id: string) => {
    const page = pageOf.get(id) ?? 'index.html';
    const top = book.chapters.some((chapter) => chapter.id === id) || book.cases.some((item) => item.id === id) || [compendiumId, indicesId, referencesId].includes(id);
    return `${root}${page}${top ? '' : `#${id}`}`;
  };
  const pages: SitePage[] = [
    {
      path: 'index.html',
      title: book.settings.title,
      body: (root) => templates.render('partials/site-index', { book: view, labels, toc: tocView(toc, href(root)), lists: listsView(book, (page, id) => `${root}${page}#${id}`) }),
    },
    ...book.chapters.map((chapter) => ({
      path: `chapters/${chapter.slug}.html`,
      title: chapter.title,
      body: (root: string) => templates.render('partials/chapter', { ...chapterView(chapter, siteLinks(book, root)), since: marks.since, labels }),
    })),
  ];
  const references = referencesView(book);
  if (references) pages.push({ path: referencesPage, title: references.title, body: () => templates.render('partials/references', references) });
  const compendium = (root: string) => compendiumView(book, toc, href(root));
  if (compendium('')) {
    pages.push(
      { path: 'cases/index.html', title: labels.compendium, body: (root) => templates.render('partials/compendium', compendium(root) ?? {}) },
      ...book.cases.map((item) => ({
        path: `cases/${item.slug}.html`,
        title: item.title,
        body: (root: string) => templates.render('partials/case', { ...caseView(item, siteLinks(book, root), book.settings.countries), since: marks.since, labels }),
      })),
      { path: 'cases/indices.html', title: labels.indices, body: (root) => templates.render('partials/indices', indicesView(book, href(root))) },
    );
  }
  if (marks.since) {
    const since = marks.since;
    pages.push({ path: 'changes.html', title: `${labels.changes} ${since}`, body: (root) => templates.render('partials/changes', { ...changesView(book, since, root), labels }) });
  }
  const files = new Map<string, string>();
  files.set('assets/site.css', templates.file('site.css'));
  files.set('assets/sdgs.css', sdgStylesheet());
  for (const [index, page] of pages.entries()) {
    const root = page.path.includes('/') ? '../' : '';
    const link = (other: SitePage | undefined) => (other ? { href: root + other.path, title: other.title } : null);
    files.set(
      page.path,
      templates.render('layouts/page', {
        lang: book.settings.language,
        draft: marks.draft,
        since: marks.since,
        book: view,
        labels,
        title: page.title,
        root,
        body: page.body(root),
        previous: link(pages[index - 1]),
        next: link(pages[index + 1]),
      }),
    );
  }
  return files;
}

/**
 * Which site page holds each id of the table of contents.
 *
 * @param book The assembled book.
 * @returns Id → page path below the site root.
 */
export function pageIndex(book: Book): Map<string, string> {
  const pages = new Map<string, string>();
  for (const chapter of book.chapters) {
    const path = `chapters/${chapter.slug}.html`;
    pages.set(chapter.id, path);
    for (const section of chapter.sections) pages.set(section.id, path);
  }
  pages.set(referencesId, referencesPage);
  pages.set(compendiumId, 'cases/index.html');
  pages.set(indicesId, 'cases/indices.html');
  for (const item of book.cases) {
    const path = `cases/${item.slug}.html`;
    pages.set(item.id, path);
    for (const section of item.sections) pages.set(section.id, path);
  }
  return pages;
}
