/**
 * Book → an EPUB 3 of one edition: the site's pages as XHTML content documents, in the site's
 * reading order, with a navigation document (contents, landmarks, and the printed book's pages
 * when it was printed), the edition's fonts and images, and the package's metadata, accessibility
 * metadata included. Its bytes depend only on the book and the build date.
 */
import { bareDoi, isbnDigits } from '../identifiers.js';
import { mediaTypes } from '../../data/media-types.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, posix } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { pages as sitePaths } from '../../assemble/pages.js';
import type { Asset, Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { mathFonts } from '../font-files.js';
import { fontsOf, openingIds, pageIndex, sitePages } from '../site/site.js';
import { sdgStylesheet, tocView } from '../view/view.js';
import { epubContent, xmlId, type ContentFacts } from './content.js';
import { epubFont } from './fonts.js';
import { placePageBreaks, type PrintedPage } from './page-list.js';
import { toXhtml } from './xhtml.js';

export type { PrintedPage } from './page-list.js';

/** What an EPUB is made from besides the book. */
export interface EpubOptions {
  /** Every edition, the main one first: the fonts cover the names of the others. */
  books: readonly Book[];
  context: RenderContext;
  /** The date of the build (`dcterms:modified`, the zip's times). */
  date: Date;
  /** The printed book's pages, in order, for the page list; none when the build did not print. */
  printed?: readonly PrintedPage[];
  /** The printed book's file name, which the page list's numbers are from. */
  pdfName?: string;
  /**
   * A WebP image as PNG: EPUB 3.2's reading systems (and EPUBCheck 4) know no WebP. Without it,
   * WebP images stay, as EPUB 3.3 allows.
   */
  toPng?: (bytes: Uint8Array) => Promise<Uint8Array>;
}

/** An image or font the EPUB holds; `png` when it is a WebP image to hold as PNG. */
interface EpubAsset extends Asset {
  png?: boolean;
  /** Its bytes, when the EPUB holds other bytes than the file's (a subset font). */
  bytes?: Uint8Array;
}

/** The XHTML name of a site page: `chapters/x.html` → `chapters/x.xhtml`. */
const xhtmlPath = (path: string) => path.replace(/\.html$/, '.xhtml');

/** Where in the book each page stands: its `epub:type` on `body`. */
function matterOf(path: string): 'frontmatter' | 'bodymatter' | 'backmatter' {
  if (path === sitePaths.index || path === sitePaths.keyMessages) return 'frontmatter';
  if (path === sitePaths.references || path === sitePaths.indices) return 'backmatter';
  return 'bodymatter';
}

/**
 * The edition's identifier: its ISBN, its DOI, or a UUID (version 5 in form) from its name and
 * language, the same in every build.
 */
export function epubIdentifier(book: Book): string {
  const imprint = book.settings.imprint;
  if (imprint?.isbn) return `urn:isbn:${isbnDigits(imprint.isbn)}`;
  if (imprint?.doi) return `doi:${bareDoi(imprint.doi)}`;
  const hash = createHash('sha1').update(`whitepaper:${book.settings.name}:${book.settings.language}`).digest('hex');
  const variant = ((parseInt(hash.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(18, 20)}-${hash.slice(20, 32)}`;
}

/**
 * Each font file cut to the EPUB's characters (`fonts.ts`), renamed by its outlines (`.otf`,
 * `.ttf`) in the assets and the style sheet; a file the subsetter cannot read stays whole.
 *
 * @param assets The EPUB's files; font entries changed in place.
 * @param css The fonts' style sheet.
 * @param characters Every character of the EPUB's documents.
 * @returns The style sheet for the subset fonts.
 */
async function subsetFonts(assets: EpubAsset[], css: string, characters: ReadonlySet<number>): Promise<string> {
  let sheet = css;
  for (const asset of assets) {
    if (!asset.target.endsWith('.woff2')) continue;
    const subset = await epubFont(asset.source, characters);
    if (!subset) continue;
    const name = posix.basename(asset.target);
    const renamed = name.replace(/\.woff2$/, subset.extension);
    sheet = sheet.replaceAll(
      `url(fonts/${name}) format('woff2')`,
      `url(fonts/${renamed}) format('${subset.extension === '.otf' ? 'opentype' : 'truetype'}')`,
    );
    asset.target = asset.target.replace(/\.woff2$/, subset.extension);
    asset.bytes = subset.bytes;
  }
  return sheet;
}

/** Point a document's images at their new names (a WebP image held as PNG). */
function pointImagesAt(document: Document, renamed: ReadonlyMap<string, string>): void {
  const folder = posix.dirname(document.path);
  visit(document.tree, 'element', (node) => {
    const source = node.properties['src'];
    if (node.tagName !== 'img' || typeof source !== 'string') return;
    const target = renamed.get(posix.normalize(posix.join(folder, source)));
    if (target) node.properties['src'] = posix.relative(folder, target);
  });
}

/** A content document, rendered. */
interface Document {
  path: string;
  title: string;
  tree: Root;
  facts: ContentFacts;
}

/**
 * The EPUB's files: XHTML and its package, and the images and fonts to copy.
 *
 * @param book The edition.
 * @param options The other editions, templates, date, and the printed pages.
 * @returns Path below `EPUB/` → text, and the files to read.
 */
export async function epubFiles(
  book: Book,
  options: EpubOptions,
): Promise<{ files: Map<string, string>; assets: EpubAsset[] }> {
  const { templates } = options.context;
  const language = book.settings.language;
  const pages = sitePages(book, options.context).filter((page) => page.path !== sitePaths.changes);
  const paths = new Set(pages.map((page) => page.path));
  const documents: Document[] = pages.map((page) => {
    const root = posix.relative(posix.dirname(page.path), '.');
    const base = root === '' ? '' : `${root}/`;
    const html = templates.render('epub/content', {
      lang: language,
      title: page.title,
      root: base,
      matter: matterOf(page.path),
      body: page.body(base),
    });
    const tree = fromHtml(html);
    const facts = epubContent(tree, (href) => {
      const [target = '', fragment] = href.split('#');
      const resolved = posix.normalize(posix.join(posix.dirname(page.path), target));
      if (!paths.has(resolved)) return target.startsWith('assets/') || target.includes('/assets/') ? href : null;
      return `${xhtmlPath(target)}${fragment === undefined ? '' : `#${xmlId(fragment)}`}`;
    });
    return { path: xhtmlPath(page.path), title: page.title, tree, facts };
  });
  const pageList = options.printed ? placePageBreaks(documents, options.printed) : [];
  const fonts = fontsOf(book, options.books);
  const assets: EpubAsset[] = [...book.assets, ...fonts.assets]
    .filter((asset) => !asset.target.startsWith('assets/katex/') && mediaTypes[extname(asset.target).toLowerCase()])
    .map((asset) =>
      options.toPng && /\.webp$/i.test(asset.target)
        ? { ...asset, target: asset.target.replace(/\.webp$/i, '.png'), png: true }
        : asset,
    );
  const renamed = new Map(
    assets.filter((asset) => asset.png).map((asset) => [asset.target.replace(/\.png$/, '.webp'), asset.target]),
  );
  const files = new Map<string, string>();
  for (const document of documents) {
    if (renamed.size > 0) pointImagesAt(document, renamed);
    files.set(document.path, toXhtml(document.tree));
  }
  // The site's page of each contents entry; an entry that opens its page links to the page.
  const where = pageIndex(book);
  const tops = openingIds(book);
  const href = (id: string) => `${xhtmlPath(where.get(id) ?? sitePaths.index)}${tops.has(id) ? '' : `#${xmlId(id)}`}`;
  const firstChapter = book.chapters.find((chapter) => chapter.number !== null) ?? book.chapters[0];
  const landmarks = [
    { type: 'toc', href: 'nav.xhtml#toc', title: book.labels.contents },
    { type: 'titlepage', href: xhtmlPath(sitePaths.index), title: book.settings.title },
    ...(firstChapter
      ? [{ type: 'bodymatter', href: xhtmlPath(sitePaths.chapter(firstChapter.slug)), title: firstChapter.title }]
      : []),
    ...(paths.has(sitePaths.references)
      ? [{ type: 'bibliography', href: xhtmlPath(sitePaths.references), title: book.labels.references }]
      : []),
    ...(paths.has(sitePaths.indices)
      ? [{ type: 'index', href: xhtmlPath(sitePaths.indices), title: book.labels.indices }]
      : []),
  ];
  files.set(
    'nav.xhtml',
    toXhtml(
      fromHtml(
        templates.render('epub/nav', {
          lang: language,
          labels: book.labels,
          toc: tocView(book.toc, href),
          landmarks,
          pageList,
        }),
      ),
    ),
  );
  const math = documents.some((document) => document.facts.mathml) ? mathFonts() : undefined;
  // KaTeX's styles and fonts are the HTML rendering's: the EPUB's formulas are MathML.
  const characters = new Set<number>();
  for (const text of files.values()) for (const character of text) characters.add(character.codePointAt(0) ?? 0);
  const fontCss = await subsetFonts(assets, math ? fonts.css.replace(math.css, '') : fonts.css, characters);
  files.set('assets/fonts.css', fontCss);
  files.set('assets/sdgs.css', sdgStylesheet());
  files.set('assets/epub.css', templates.file('epub.css'));
  files.set('package.opf', packageDocument(book, options, documents, [...files.keys()], assets, pageList.length > 0));
  return { files, assets };
}

function packageDocument(
  book: Book,
  options: EpubOptions,
  documents: readonly Document[],
  written: readonly string[],
  assets: readonly Asset[],
  paginated: boolean,
): string {
  const { settings, labels } = book;
  const byPath = new Map(documents.map((document) => [document.path, document]));
  const ids = new Map<string, string>();
  const manifest = [...new Set([...written, ...assets.map((asset) => asset.target)])].sort().map((href, index) => {
    const document = byPath.get(href);
    const properties = [
      ...(href === 'nav.xhtml' ? ['nav'] : []),
      ...(document?.facts.mathml ? ['mathml'] : []),
      ...(document?.facts.svg ? ['svg'] : []),
    ];
    const id = `item-${index + 1}`;
    ids.set(href, id);
    const type = href.endsWith('.xhtml') ? 'application/xhtml+xml' : mediaTypes[extname(href).toLowerCase()];
    return { id, href, type, properties: properties.join(' ') };
  });
  const images = assets.some((asset) => /\.(svg|png|jpe?g|gif|webp)$/i.test(asset.target));
  const charts = documents.some((document) => document.facts.svg);
  const mathml = documents.some((document) => document.facts.mathml);
  const features = [
    'structuralNavigation',
    'tableOfContents',
    'readingOrder',
    'displayTransformability',
    ...(images || charts ? ['alternativeText'] : []),
    ...(charts ? ['longDescription'] : []),
    ...(mathml ? ['MathML'] : []),
    ...(paginated ? ['pageNavigation', 'printPageNumbers'] : []),
  ];
  const date = options.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return options.context.templates.render('epub/package.opf', {
    lang: settings.language,
    identifier: epubIdentifier(book),
    title: settings.title,
    subtitle: settings.subtitle,
    author: settings.author ?? null,
    publisher: settings.publisher,
    date: settings.date,
    rights: settings.imprint?.licence ?? settings.imprint?.copyright ?? null,
    description: settings.backCover?.text ?? null,
    subjects: settings.keywords,
    source: paginated ? (options.pdfName ?? settings.title) : null,
    modified: date,
    accessModes: ['textual', ...(images || charts ? ['visual'] : [])],
    accessModesSufficient: ['textual', ...(images || charts ? ['textual,visual'] : [])],
    features,
    summary: labels.epubAccessibility,
    manifest,
    spine: ['nav.xhtml', ...documents.map((document) => document.path)].map((path) => ids.get(path)),
  });
}

/**
 * The EPUB file: `mimetype` first and stored, then the container, the package and its files,
 * every entry dated `date`.
 *
 * @param book The edition.
 * @param options The other editions, templates, date and the printed pages.
 * @returns The zip's bytes.
 */
export async function renderEpub(book: Book, options: EpubOptions): Promise<Uint8Array> {
  const { files, assets } = await epubFiles(book, options);
  // A zip's times are local DOS times from 1980: the build date, or 1980 for earlier epochs.
  const mtime = new Date(Math.max(options.date.getTime(), Date.UTC(1980, 0, 2)));
  const entries: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }],
    'META-INF/container.xml': [strToU8(options.context.templates.file('epub/container.xml')), { mtime }],
  };
  const sorted = [...files].sort(([a], [b]) => (a === 'package.opf' ? -1 : b === 'package.opf' ? 1 : a < b ? -1 : 1));
  for (const [path, text] of sorted) entries[`EPUB/${path}`] = [strToU8(text), { mtime }];
  const read = await Promise.all(
    assets.map(async (asset) => {
      const bytes = asset.bytes ?? new Uint8Array(await readFile(asset.source));
      return [asset.target, asset.png && options.toPng ? await options.toPng(bytes) : bytes] as const;
    }),
  );
  for (const [target, bytes] of read.sort(([a], [b]) => (a < b ? -1 : 1)))
    entries[`EPUB/${target}`] = [bytes, { mtime, level: target.endsWith('.woff2') ? 0 : 6 }];
  return zipSync(entries);
}
