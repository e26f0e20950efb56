/**
 * Book → the reviewers' HTML site: index, one page per chapter and per case, shared CSS.
 */
import { foldingScript } from '../../review/anchor.js';
import type { Root } from 'hast';
import { indicesId } from '../../assemble/indices.js';
import { compendiumId, keyMessagesId, partAndChapterIds, referencesId } from '../../assemble/toc.js';
import { format, languageName } from '../../data/languages/index.js';
import { langWithin } from '../../data/scripts.js';
import type { Asset, Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { editionFonts, mathFonts, scriptTexts, textOf, type Script } from '../font-files.js';
import { searchScript } from './search.js';
import { fingerprint, siteLinks } from '../view/fragment.js';
import {
  bookView,
  caseView,
  chapterView,
  draftLine,
  sdgStylesheet,
  tocView,
  type Marks,
  type ReviewStore,
} from '../view/view.js';
import { changesView, keyMessagesView, listsView, referencesView } from '../view/apparatus.js';
import { compendiumView, indicesView } from '../view/compendium.js';
import { editionFolder, pages as paths } from '../../assemble/pages.js';
import { cardPath, pageMetadata, sitemap, type Subject } from './metadata.js';

/** A page of the site in reading order. */
export interface SitePage {
  path: string;
  title: string;
  /** Everything its body depends on, for pages worth keeping between renders (`SiteMemo`). */
  key?: string;
  /** `lang` of its title where it is not the edition's (an untranslated chapter, a case). */
  lang?: string | null;
  /** Renders the page body, given the URL of the site root seen from the page. */
  body: (base: string) => string;
  /** The Markdown file a chapter or case page shows, relative to the content root: what its comments are about. */
  source?: string;
  /** What the page is about, for its metadata (default: a page of the book's apparatus). */
  subject?: Subject;
}

/** A link of the language switcher. */
export interface EditionLink {
  lang: string;
  /** The language's name in itself: "English", "中文". */
  name: string;
  href: string;
  current: boolean;
}

/**
 * Pages rendered before, by path, with the key of what they were rendered from: the preview
 * renders again only chapter and case pages whose inputs changed.
 */
export type SiteMemo = Map<string, { key: string; html: string }>;

/** The site's files: rendered pages and style sheets, and the files to copy. */
export interface SiteFiles {
  /** Path below the site root → file text. */
  files: Map<string, string>;
  /** Images and other files to copy, with their targets below the site root. */
  assets: Asset[];
}

/**
 * Render the site of every edition. A single-language book's site is the edition's; a book in
 * several languages gets a folder per edition (`en/`, `zh/`), each page with a switcher to the
 * same page in the other editions, and a page at the root that offers the editions.
 *
 * @param books Every edition, the main one first.
 * @param context Templates, and the draft and `--since` marks.
 * @param memo Pages rendered before (the preview's); updated.
 * @returns The files. Pure but for `memo`: the caller writes them.
 */
export function renderSites(books: readonly Book[], context: RenderContext, memo?: SiteMemo): SiteFiles {
  const { templates, marks } = context;
  const [main] = books;
  if (!main) return { files: new Map(), assets: [] };
  const plans = books.map((book) => {
    const pages = sitePages(book, context);
    return { book, pages, paths: new Set(pages.map((page) => page.path)) };
  });
  const baseUrl = siteUrl(main);
  if (plans.length === 1) {
    const files = renderSite(
      main,
      plans[0]?.pages ?? [],
      context,
      fontsOf(main, books).css,
      pdfLink(main, context, ''),
      undefined,
      memo,
    );
    if (baseUrl)
      addDiscovery(
        files,
        baseUrl,
        (plans[0]?.pages ?? []).map((page) => [
          { lang: main.settings.language, url: new URL(page.path, baseUrl).href },
        ]),
      );
    return { files, assets: siteAssets(books) };
  }
  const files = new Map<string, string>();
  for (const { book, pages } of plans) {
    const language = book.settings.language;
    const editionLinks = (path: string, base: string): EditionLink[] =>
      plans.map((other) => {
        const lang = other.book.settings.language;
        return {
          lang,
          name: languageName(lang, lang),
          href: `${base}../${lang}/${other.paths.has(path) ? path : paths.index}`,
          current: lang === language,
        };
      });
    const own = memo ? prefixed(memo, `${language}/`) : undefined;
    for (const [path, text] of renderSite(
      book,
      pages,
      context,
      fontsOf(book, books).css,
      pdfLink(book, context, '../'),
      editionLinks,
      own,
      `${language}/`,
    ))
      files.set(`${language}/${path}`, text);
  }
  const base = `${main.settings.language}/`;
  const editions = plans.map(({ book }) => ({
    lang: book.settings.language,
    name: languageName(book.settings.language, book.settings.language),
    title: book.settings.title,
    href: `${book.settings.language}/${paths.index}`,
  }));
  files.set(
    paths.index,
    templates.render('layouts/page', {
      ...pageContext(main, marks, base),
      title: main.settings.title,
      documentTitle: main.settings.title,
      meta: pageMetadata(main, { kind: 'book' }, main.settings.title, {
        page: baseUrl ? new URL(paths.index, baseUrl).href : null,
        pdf: null,
        alternates: [],
      }),
      // The page that offers the editions searches none of them.
      noSearch: true,
      body: templates.render('partials/editions', { title: main.settings.title, editions }),
      previous: null,
      next: null,
      editions: rootEditionLinks(
        main,
        plans.map(({ book }) => book.settings.language),
      ),
    }),
  );
  if (baseUrl) {
    // Each page with the same page of the other editions: by path.
    const all = [...new Set(plans.flatMap((plan) => [...plan.paths]))];
    addDiscovery(files, baseUrl, [
      [{ lang: main.settings.language, url: new URL(paths.index, baseUrl).href }],
      ...all.map((path) =>
        plans
          .filter((plan) => plan.paths.has(path))
          .map((plan) => ({
            lang: plan.book.settings.language,
            url: new URL(`${plan.book.settings.language}/${path}`, baseUrl).href,
          })),
      ),
    ]);
  }
  return { files, assets: siteAssets(books) };
}

/** The book's published site URL (`baseUrl`), ending with `/`; `null` without one. */
function siteUrl(book: Book): string | null {
  const url = book.settings.baseUrl;
  return url ? (url.endsWith('/') ? url : `${url}/`) : null;
}

/**
 * The site's `sitemap.xml`, and a `robots.txt` that names it when the site is at its host's root
 * (where crawlers read one).
 */
function addDiscovery(files: Map<string, string>, baseUrl: string, pages: { lang: string; url: string }[][]): void {
  files.set('sitemap.xml', sitemap(pages));
  if (new URL(baseUrl).pathname === '/')
    files.set('robots.txt', `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', baseUrl).href}\n`);
}

/**
 * The files the site copies: each edition's images, below its folder in a book of several
 * languages.
 *
 * @param books Every edition, the main one first.
 * @returns Sources and targets below the site root.
 */
export function siteAssets(books: readonly Book[]): Asset[] {
  const folder = (book: Book) => editionFolder(book.settings.language, books.length > 1);
  return books.flatMap((book) =>
    [...book.assets, ...fontsOf(book, books).assets].map((asset) => ({
      ...asset,
      target: folder(book) + asset.target,
    })),
  );
}

/**
 * Each edition's `assets/fonts.css`, below its folder in a book of several languages: written
 * with the font files, before anything prints.
 *
 * @param books Every edition, the main one first.
 * @returns Path below the site root → style sheet.
 */
export function fontSheets(books: readonly Book[]): Map<string, string> {
  return new Map(
    books.map((book) => [
      `${editionFolder(book.settings.language, books.length > 1)}assets/fonts.css`,
      fontsOf(book, books).css,
    ]),
  );
}

const fonts = new WeakMap<Book, ReturnType<typeof editionFonts>>();

/**
 * The typefaces' files an edition's site and print need, and their style sheet: the subsets of
 * its own text, and of the names of the other editions its pages link to.
 */
export function fontsOf(book: Book, books: readonly Book[]): ReturnType<typeof editionFonts> {
  const known = fonts.get(book);
  if (known) return known;
  const names = books.map((other) => [
    languageName(other.settings.language, other.settings.language),
    other.settings.title,
  ]);
  // The bodies are read once each (the preview keeps the trees of unchanged files), the rest of
  // the book every time.
  const skeleton = {
    ...book,
    chapters: book.chapters.map(({ content: _content, ...chapter }) => chapter),
    cases: book.cases.map(({ content: _content, ...item }) => item),
  };
  let text = textOf([skeleton, names]);
  const scripts = scriptTexts(skeleton);
  let katex = text.includes('"katex"');
  for (const part of [...book.chapters, ...book.cases]) {
    const body = bodyText(part.content, part.language, 'country' in part ? part.country : '');
    text += body.characters;
    katex ||= body.katex;
    for (const [script, characters] of Object.entries(body.scripts) as [Script, string][])
      scripts[script] = (scripts[script] ?? '') + characters;
  }
  const found = editionFonts(text, undefined, scripts);
  // An edition with formulas gets KaTeX's styles and fonts with its own.
  if (katex) {
    const math = mathFonts();
    found.css += math.css;
    found.assets.push(...math.assets);
  }
  fonts.set(book, found);
  return found;
}

/** What a body brings to the fonts: its characters beyond ASCII, per script too, and whether it has formulas. */
interface BodyText {
  language: string;
  country: string;
  characters: string;
  scripts: Partial<Record<Script, string>>;
  katex: boolean;
}

const bodies = new WeakMap<Root, BodyText>();

function bodyText(content: Root, language: string, country: string): BodyText {
  const kept = bodies.get(content);
  if (kept && kept.language === language && kept.country === country) return kept;
  const json = textOf(content);
  const distinct = (value: string) => [...new Set(value.match(/[^ -~]/gu) ?? [])].join('');
  const scripts = Object.fromEntries(
    Object.entries(scriptTexts({ language, country, content })).map(([script, value]) => [script, distinct(value)]),
  );
  const found = { language, country, characters: distinct(json), scripts, katex: json.includes('"katex"') };
  bodies.set(content, found);
  return found;
}

/**
 * Render every page of one edition's site. Pure: the caller writes the files and copies `book.assets`.
 *
 * @param book The assembled book.
 * @param pages Its pages, from `sitePages`.
 * @param context Templates and marks.
 * @param fontCss The edition's `assets/fonts.css`.
 * @param pdf The URL of the edition's PDF seen from a page, given the site root seen from it.
 * @param editions The language switcher of a page, given its path and the site root seen from it.
 * @param memo Pages rendered before, by path; updated.
 * @returns Path below the site root → file text.
 */
function renderSite(
  book: Book,
  pages: readonly SitePage[],
  { templates, marks, cards }: RenderContext,
  fontCss: string,
  pdf: ((base: string) => string) | undefined,
  editions?: (path: string, base: string) => EditionLink[],
  memo?: Pick<SiteMemo, 'get' | 'set'>,
  folder = '',
): Map<string, string> {
  const files = new Map<string, string>();
  files.set('assets/site.css', templates.file('site.css'));
  files.set('assets/sdgs.css', sdgStylesheet());
  files.set('assets/fonts.css', fontCss);
  files.set('assets/search.js', templates.file('search.js'));
  files.set('assets/menu.js', templates.file('menu.js'));
  if (marks.review) {
    files.set('assets/review.js', foldingScript() + templates.file('review.js'));
    files.set('assets/review.css', templates.file('review.css'));
  }
  const contexts = new Map(['', '../'].map((base) => [base, pageContext(book, marks, base, pdf)]));
  const baseUrl = siteUrl(book);
  const contextKeys = memo
    ? new Map([...contexts].map(([base, context]) => [base, JSON.stringify(context)]))
    : undefined;
  // What a page's metadata depends on beyond its own part and its URLs: the settings.
  const settingsKey = memo ? JSON.stringify(book.settings) : undefined;
  for (const [index, page] of pages.entries()) {
    const base = page.path.includes('/') ? '../' : '';
    const link = (other: SitePage | undefined) =>
      other ? { href: base + other.path, title: other.title, lang: other.lang ?? null } : null;
    const pageEditions = editions?.(page.path, base) ?? [];
    const url = (relative: string) => (pageUrl ? new URL(relative, pageUrl).href : null);
    const pageUrl = baseUrl ? new URL(`${folder}${page.path}`, baseUrl).href : null;
    const urls = {
      page: pageUrl,
      image: cards && baseUrl ? new URL(`${folder}${cardPath(page.path)}`, baseUrl).href : null,
      pdf: pdf ? url(pdf(base)) : null,
      alternates: pageEditions.map((edition) => ({ lang: edition.lang, href: edition.href, url: url(edition.href) })),
    };
    const context = {
      ...contexts.get(base),
      title: page.title,
      // The book's own pages (its index) are not named twice.
      documentTitle: page.title === book.settings.title ? page.title : `${page.title} · ${book.settings.title}`,
      previous: link(pages[index - 1]),
      next: link(pages[index + 1]),
      editions: pageEditions,
      review: marks.review ? reviewData(book, marks.comments, marks.review, page.source) : null,
    };
    const key =
      memo && page.key !== undefined
        ? JSON.stringify([
            page.key,
            contextKeys?.get(base),
            context.title,
            context.previous,
            context.next,
            context.editions,
            context.review,
            settingsKey,
            urls,
          ])
        : undefined;
    const kept = key === undefined ? undefined : memo?.get(page.path);
    // A page kept from the last render is not described again: its metadata's inputs are in its key.
    const html =
      kept && kept.key === key
        ? kept.html
        : templates.render('layouts/page', {
            ...context,
            meta: pageMetadata(book, page.subject ?? { kind: 'page' }, page.title, urls),
            body: page.body(base),
          });
    if (key !== undefined) memo?.set(page.path, { key, html });
    files.set(page.path, html);
  }
  // The search index of this edition: every page's words.
  files.set(
    'assets/search-index.js',
    searchScript(pages.map((page) => ({ path: page.path, title: page.title, html: files.get(page.path) ?? '' }))),
  );
  return files;
}

/**
 * The link to an edition's PDF, when the build printed one.
 *
 * @param up From the edition's folder to the site root: `''`, or `../` in a book of several languages.
 */
function pdfLink(book: Book, context: RenderContext, up: string): ((base: string) => string) | undefined {
  const name = context.pdfs?.get(book.settings.language);
  return name === undefined ? undefined : (base) => `${base}${up}../${encodeURIComponent(name)}`;
}

/** A view of a memo whose paths all start with `prefix`. */
function prefixed(memo: SiteMemo, prefix: string): Pick<SiteMemo, 'get' | 'set'> {
  return {
    get: (path) => memo.get(prefix + path),
    set: (path, value) => memo.set(prefix + path, value),
  };
}

/**
 * What a page of a site under review tells its script, as JSON safe inside `<script>`: the
 * source it shows and its comments (none on the book's own pages), the book, where new comments go.
 */
function reviewData(
  book: Book,
  comments: Marks['comments'],
  store: ReviewStore,
  source: string | undefined,
): { json: string } {
  const data = {
    book: book.settings.name,
    edition: book.settings.language,
    source: source ?? null,
    comments: source === undefined ? [] : (comments.get(source) ?? []),
    store,
  };
  // `<` as an escape: no text of a comment can close the script element or open a comment.
  return {
    json: JSON.stringify(data)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  };
}

/** What every page's layout shows besides its body. */
function pageContext(book: Book, marks: Marks, base: string, pdf?: (base: string) => string) {
  return {
    pdf: pdf?.(base) ?? null,
    noSearch: false,
    lang: book.settings.language,
    draft: draftLine(marks.draft, book.labels),
    since: marks.since,
    book: bookView(book.settings),
    labels: book.labels,
    // Templates know the site root seen from the page as `root` (`{{root}}assets/site.css`).
    root: base,
  };
}

/** The switcher of the page at the site root that offers the editions: the main edition current. */
function rootEditionLinks(main: Book, languages: readonly string[]): EditionLink[] {
  return languages.map((lang) => ({
    lang,
    name: languageName(lang, lang),
    href: `${lang}/${paths.index}`,
    current: lang === main.settings.language,
  }));
}

/** Trees by identity: the transform cache hands out the same tree while a body is unchanged. */
const treeIds = new WeakMap<object, number>();
let treeCount = 0;

/** What a chapter or case page's body depends on: its fields, its tree, the book's numbers. */
function partKey(part: Book['chapters'][number] | Book['cases'][number], book: Book, marks: Marks): string {
  let id = treeIds.get(part.content);
  if (id === undefined) {
    id = ++treeCount;
    treeIds.set(part.content, id);
  }
  return JSON.stringify([
    { ...part, content: id },
    fingerprint(book),
    book.settings.language,
    book.settings.countries,
    marks.since,
  ]);
}

/** The pages of one edition's site in reading order, their bodies not yet rendered (the EPUB's too). */
export function sitePages(book: Book, { templates, marks }: RenderContext): SitePage[] {
  const { labels, toc } = book;
  const view = bookView(book.settings);
  const pageOf = pageIndex(book);
  const tops = openingIds(book);
  const href = (base: string) => (id: string) =>
    `${base}${pageOf.get(id) ?? paths.index}${tops.has(id) ? '' : `#${id}`}`;
  const pages: SitePage[] = [
    {
      path: paths.index,
      title: book.settings.title,
      subject: { kind: 'book' },
      body: (base) =>
        templates.render('partials/site-index', {
          book: view,
          labels,
          toc: tocView(toc, href(base)),
          lists: listsView(book, (page, id) => `${base}${page}#${id}`),
        }),
    },
    ...book.chapters.map((chapter) => ({
      path: paths.chapter(chapter.slug),
      source: chapter.path,
      title: chapter.title,
      lang: langWithin(chapter.language, book.settings.language),
      key: partKey(chapter, book, marks),
      subject: { kind: 'chapter', chapter } as const,
      body: (base: string) =>
        templates.render('partials/chapter', {
          ...chapterView(chapter, siteLinks(book, base), book),
          since: marks.since,
          labels,
        }),
    })),
  ];
  const keyMessages = (base: string) => keyMessagesView(book, href(base));
  // Read after the index and before the chapters, as the pager leads.
  if (toc.some((entry) => entry.id === keyMessagesId))
    pages.splice(1, 0, {
      path: paths.keyMessages,
      title: labels.keyMessages,
      body: (base) => templates.render('partials/key-messages', keyMessages(base) ?? {}),
    });
  const references = referencesView(book);
  if (references)
    pages.push({
      path: paths.references,
      title: references.title,
      body: () => templates.render('partials/references', references),
    });
  const compendium = (base: string) => {
    const view = compendiumView(book, toc, href(base));
    const submit =
      book.settings.submissionForm === 'public' ? { href: `${base}${paths.submit}`, label: labels.submitCase } : null;
    return view && { ...view, submit };
  };
  if (toc.some((entry) => entry.id === compendiumId)) {
    pages.push(
      {
        path: paths.compendium,
        title: labels.compendium,
        subject: { kind: 'page', description: labels.compendiumIntro },
        body: (base) => templates.render('partials/compendium', compendium(base) ?? {}),
      },
      ...book.cases.map((item) => ({
        path: paths.case(item.slug),
        source: item.path,
        title: item.title,
        lang: langWithin(item.titleLanguage, book.settings.language),
        key: partKey(item, book, marks),
        subject: { kind: 'case', item } as const,
        body: (base: string) =>
          templates.render('partials/case', {
            ...caseView(item, siteLinks(book, base), book),
            since: marks.since,
            labels,
          }),
      })),
      {
        path: paths.indices,
        title: labels.indices,
        body: (base) => templates.render('partials/indices', indicesView(book, href(base))),
      },
    );
  }
  if (marks.since) {
    const since = marks.since;
    pages.push({
      path: paths.changes,
      title: format(labels.changes, { revision: since }),
      body: (base) => templates.render('partials/changes', { ...changesView(book, since, base), labels }),
    });
  }
  return pages;
}

/**
 * Ids that open a page of their own (a part's, a chapter's, a case's, the references'): linked
 * without a fragment.
 */
export function openingIds(book: Book): Set<string> {
  return new Set([
    ...partAndChapterIds(book),
    ...book.cases.map((item) => item.id),
    compendiumId,
    indicesId,
    referencesId,
    keyMessagesId,
  ]);
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
    const path = paths.chapter(chapter.slug);
    pages.set(chapter.id, path);
    if (chapter.part) pages.set(chapter.part.id, path);
    for (const section of chapter.sections) pages.set(section.id, path);
  }
  pages.set(referencesId, paths.references);
  pages.set(keyMessagesId, paths.keyMessages);
  pages.set(compendiumId, paths.compendium);
  pages.set(indicesId, paths.indices);
  for (const item of book.cases) {
    const path = paths.case(item.slug);
    pages.set(item.id, path);
    for (const section of item.sections) pages.set(section.id, path);
  }
  return pages;
}
