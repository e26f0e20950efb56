/**
 * Book → the book PDF, with table-of-contents page numbers written into the print.
 */
import { addNotes, draftNotes, pageTopMargin } from './notes.js';
import { htmlParts } from '../../shared/escape-html.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ParseSpeeds, PDFDocument, PDFNumber } from 'pdf-lib';
import { indicesId } from '../../assemble/indices.js';
import { compendiumId, flattenToc, partAndChapterIds, referencesId, type TocEntry } from '../../assemble/toc.js';
import { PrintError } from '../../model/errors.js';
import type { Book } from '../../model/types.js';
import { finishPdf, pagesOf, readDestinations, type Destination } from './finish.js';
import { bodyChapterId, pageLabel } from './page-labels.js';
import {
  countPlaceholders,
  fillPageNumbers,
  linksPerPage,
  pagesLinkingTo,
  placeholderCss,
  placeholderText,
} from './page-numbers.js';
import { renderPdf } from './pdf.js';
import { PageStreams } from './content.js';
import { cleanPages } from './soft-hyphens.js';
import { renderPrintHtml } from './document.js';
import { caseEndId, printId } from './ids.js';
import type { PrintContext } from '../context.js';
import { given, type PageNumbers } from '../view/view.js';

/** Options of `printBook`. */
export interface PrintOptions {
  /** Told when a print pass ends, with its number (1-based). */
  onPass?: (pass: number) => void;
  /** The site's root seen from `printDir`, for images. Default `../site/`. */
  site?: string;
  /** Told each time Chromium starts printing. */
  onPrinting?: () => void;
}

/** The printed book. */
export interface PrintedBook {
  pdf: Uint8Array;
  /** The PDF as pdf-lib holds it, to cut case PDFs from without parsing it again. */
  document: PDFDocument;
  /** Page of each table-of-contents entry. */
  pages: Map<string, number>;
  /** Each page's label (`iv`, `14`), the first page's first. */
  labels: string[];
  pageCount: number;
  passes: number;
  /** URLs the print page requested and was refused. */
  blocked: string[];
}

/** What the post-processing needs to know of a print document's text. */
interface DocumentFacts {
  /** Page-number placeholders it holds. */
  placeholders: number;
  /** Whether it holds soft hyphens. */
  hyphens: boolean;
}

/** Most print passes before giving up on settling the page numbers. */
const maxPasses = 3;

/**
 * Print the book. Chromium cannot number pages in a table of contents (`target-counter()`), so
 * the book is printed with a placeholder in each page-number box; the named destinations of
 * that PDF tell where each heading landed, and the placeholders are replaced by those pages
 * (`pdf-page-numbers`). Should a placeholder not be found, the book is printed again with the
 * numbers, in boxes of fixed width, until the numbers it shows are the pages it has.
 *
 * @param book The assembled book.
 * @param context Templates, marks, browser, folders, timeout.
 * @param options Where the site is; who is told about the passes.
 * @returns The final PDF with bookmarks and metadata.
 */
export async function printBook(book: Book, context: PrintContext, options: PrintOptions = {}): Promise<PrintedBook> {
  const { toc } = book;
  const htmlPath = join(context.printDir, 'book.html');
  await writeFile(join(context.printDir, 'print.css'), context.templates.file('print.css'));
  const blocked = new Set<string>();
  // Whose pages the document shows: contents entries, and figures and tables for their lists.
  const ids = [
    ...flattenToc(toc).map((entry) => entry.id),
    ...[...book.xrefs.figures, ...book.xrefs.tables].map((target) => target.id),
  ];
  const siteIds = new Map(ids.map((id) => [printId(id), id]));
  /** Write the print document; what the post-processing needs of its text is read now, so that the text is not kept while Chromium prints. */
  let blanks: ReadonlySet<string> = new Set();
  let tightCases: ReadonlySet<string> = new Set();
  let compactContents = false;
  let blankBeforeBack = false;
  const writeDocument = async (pages: PageNumbers, css: string): Promise<DocumentFacts> => {
    const rendered = renderPrintHtml(book, context, {
      pages,
      site: options.site,
      blanks,
      compactContents,
      blankBeforeBack,
      tightCases,
    });
    const html = css ? rendered.replace('</head>', `<style>${css}</style>\n</head>`) : rendered;
    await writeFile(htmlPath, html);
    return {
      placeholders: countPlaceholders(html),
      // Only a print that holds soft hyphens has any to take out of its text (none in Chinese, say).
      hyphens: /\u00ad|&shy;|&#xad;|&#173;/i.test(html),
    };
  };
  const print = async (
    pages: PageNumbers,
    css = '',
  ): Promise<{ facts: DocumentFacts; doc: PDFDocument; destinations: Map<string, Destination> }> => {
    const facts = await writeDocument(pages, css);
    const result = await renderPdf(htmlPath, context.browser, {
      ...context,
      ...(options.onPrinting ? { onPrinting: options.onPrinting } : {}),
    });
    for (const url of result.blocked) blocked.add(url);
    const doc = await PDFDocument.load(result.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    // Destinations are named after the print's plain ids: keyed again by the site's ids.
    const destinations = new Map(
      [...readDestinations(doc)].map(([name, destination]) => [siteIds.get(name) ?? name, destination]),
    );
    return { facts, doc, destinations };
  };
  // Where a chapter, the references, a case or the indices open, the title stands in place of the running head.
  const openers = [
    ...book.chapters.map((chapter) => chapter.id),
    referencesId,
    compendiumId,
    ...book.cases.map((item) => item.id),
    indicesId,
  ];
  // The body starts with the first numbered chapter: the pages before it count in roman numerals.
  const bodyId = bodyChapterId(book);
  const bodyStart = (destinations: ReadonlyMap<string, Destination>) =>
    bodyId === undefined ? undefined : destinations.get(bodyId)?.page;
  const labelled = (pages: ReadonlyMap<string, number>, destinations: ReadonlyMap<string, Destination>) => {
    const label = pageLabel(bodyStart(destinations));
    return new Map([...pages].map(([id, page]) => [id, label(page)]));
  };
  const finish = async (
    doc: PDFDocument,
    destinations: Map<string, Destination>,
    pages: Map<string, number>,
    passes: number,
    facts: DocumentFacts,
    streams?: PageStreams,
  ): Promise<PrintedBook> => {
    await cleanPages(
      doc,
      openers.flatMap((id) => destinations.get(id)?.page ?? []),
      facts.hyphens,
      streams,
    );
    const notes = [...draftNotes(book, context.marks).values()].flat();
    if (notes.length > 0) addNotes(doc, destinations, notes, pageTopMargin(context.templates.file('print.css')));
    const pdf = await finishPdf(doc, destinations, {
      describe: linkDescriptions(book),
      settings: book.settings,
      toc,
      bodyStart: bodyStart(destinations),
    });
    const label = pageLabel(bodyStart(destinations));
    const labels = Array.from({ length: doc.getPageCount() }, (_, index) => label(index + 1));
    return { pdf, document: doc, pages, labels, pageCount: doc.getPageCount(), passes, blocked: [...blocked] };
  };
  // Unnumbered chapters before the first numbered one are front matter: their pages are roman.
  const roman = bodyId !== undefined && book.chapters[0]?.id !== bodyId;
  const placeholders = new Map(ids.map((id, index) => [id, { placeholder: placeholderText(index, roman) }]));
  let first = await print(placeholders, placeholderCss);
  let passes = 1;
  options.onPass?.(1);
  // What opens on a recto (parts, chapters, the references, the compendium): a blank verso goes
  // before each that landed on an even page.
  const rectos =
    book.settings.chapterOpening === 'recto' ? [...partAndChapterIds(book), referencesId, compendiumId] : [];
  // Contents that spill a few entries onto a page of their own are set tighter: that page goes,
  // and what follows it opens a page earlier, where the blanks are worked out for. One more print
  // does both; blank pages move what follows by whole pages, so it settles (checked, and the
  // blanks worked out again from that print if not).
  const tocIds = new Set(flattenToc(toc).map((entry) => printId(entry.id)));
  let spill = spills(linksPerPage(first.doc, tocIds), bodyStart(first.destinations));
  if (spill !== undefined) compactContents = true;
  let versos = rectoBlanks(
    rectos,
    spill === undefined ? first.destinations : moved(first.destinations, spill, -1),
    blanks,
  );
  // A case whose last page would hold a few lines only is set a little tighter, so that they come
  // back onto the page before; each such case is expected to give back its last page. Cases open
  // after everything that opens on a recto: no blank moves for them.
  let tightening = overflowingCases(book, first.doc, first.destinations);
  // A back cover is a verso: the book ends on an even page, with a blank before the back cover
  // when it would not (its page count after the changes above, worked out the same way).
  const back = given(book.settings.backCover) !== null;
  const oddEnd = () =>
    back &&
    (first.doc.getPageCount() -
      (spill === undefined ? 0 : 1) -
      tightening.size +
      (versos ? versos.size - blanks.size : 0)) %
      2 ===
      1;
  for (let prints = 0; spill !== undefined || versos !== undefined || tightening.size > 0 || oddEnd(); prints++) {
    if (prints === 2)
      throw new PrintError('Chapters did not settle on right-hand pages after two prints with blank versos');
    if (oddEnd()) blankBeforeBack = !blankBeforeBack;
    if (versos) blanks = versos;
    if (tightening.size > 0) tightCases = new Set([...tightCases, ...tightening]);
    tightening = new Set();
    first = await print(placeholders, placeholderCss);
    options.onPass?.(++passes);
    spill = undefined;
    versos = rectoBlanks(rectos, first.destinations, blanks);
  }
  let pages = pagesOf(first.destinations, ids);
  const labels = labelled(pages, first.destinations);
  // The numbers' pages are compressed once, with the running-head and soft-hyphen clean-up.
  const streams = new PageStreams(first.doc);
  const filled = fillPageNumbers(
    first.doc,
    ids.map((id) => labels.get(id)),
    first.facts.placeholders,
    pagesLinkingTo(first.doc, new Set(siteIds.keys())),
    streams,
  );
  if (filled) return finish(first.doc, first.destinations, pages, passes, first.facts, streams);
  let known = first.destinations;
  for (let pass = passes + 1; pass <= maxPasses + passes - 1; pass++) {
    const { doc, destinations, facts } = await print(labelled(pages, known));
    known = destinations;
    const found = pagesOf(destinations, ids);
    options.onPass?.(pass);
    if (sameEntries(found, pages)) return finish(doc, destinations, pages, pass, facts);
    pages = found;
  }
  throw new PrintError(`The table of contents' page numbers did not settle after ${maxPasses} print passes`);
}

/**
 * The cases whose last page holds only a few lines (less than 15% of the text block): those a
 * tighter setting can take back onto the page before. Read from where each case's end landed.
 *
 * @param book The book.
 * @param doc The print.
 * @param destinations Where each link target landed, with its height on the page.
 * @returns Ids of those cases.
 */
export function overflowingCases(
  book: Pick<Book, 'cases'>,
  doc: PDFDocument,
  destinations: ReadonlyMap<string, Destination>,
): Set<string> {
  const found = new Set<string>();
  for (const item of book.cases) {
    const start = destinations.get(item.id)?.page;
    const end = destinations.get(caseEndId(item.id));
    if (start === undefined || end === undefined || end.page <= start) continue;
    const top = end.target.get(3);
    if (!(top instanceof PDFNumber)) continue;
    const height = doc.getPage(end.page - 1).getHeight();
    const margin = (24 * 72) / 25.4;
    const share = (height - margin - top.asNumber()) / (height - 2 * margin);
    if (share < 0.15) found.add(item.id);
  }
  return found;
}

/**
 * The page the contents end on when it holds only a few of their entries (at most twelve, and a
 * quarter of them), which a tighter setting takes back onto the pages before.
 *
 * @param links Links to contents entries, per page.
 * @param body The page the body opens on: the contents are the pages before it that link.
 * @returns That page, or `undefined` when the contents end on a full one.
 */
export function spills(links: ReadonlyMap<number, number>, body: number | undefined): number | undefined {
  const pages = [...links].filter(([page]) => body === undefined || page < body);
  const [last, count = 0] = pages.at(-1) ?? [];
  const total = pages.reduce((sum, [, entries]) => sum + entries, 0);
  return pages.length > 1 && count <= 12 && count * 4 <= total ? last : undefined;
}

/** Destinations as they would be with the pages after `page` moved by `by`. */
function moved(destinations: ReadonlyMap<string, Destination>, page: number, by: number): Map<string, Destination> {
  return new Map(
    [...destinations].map(([id, destination]) => [
      id,
      destination.page > page ? { ...destination, page: destination.page + by } : destination,
    ]),
  );
}

/**
 * The blank versos a print needs for its openers to open on right-hand (odd) pages, from where
 * they opened in a print that had `blanks`.
 *
 * @param openers Ids of what opens on a recto (parts, chapters, the references, the compendium), in book order.
 * @param destinations Where each opened in that print.
 * @param blanks The openers that print had a blank before.
 * @returns The openers to put a blank before; `undefined` when every one already opens on a recto.
 */
export function rectoBlanks(
  openers: readonly string[],
  destinations: ReadonlyMap<string, Destination>,
  blanks: ReadonlySet<string>,
): Set<string> | undefined {
  const next = new Set<string>();
  let shift = 0;
  let changed = false;
  for (const id of openers) {
    const page = destinations.get(id)?.page;
    if (page === undefined) continue;
    const had = blanks.has(id);
    // With the blanks added or taken away before it, where it would open now.
    const at = page + shift;
    const verso = at % 2 === 0;
    if (had && verso) {
      shift--;
      changed = true;
    } else if (!had && verso) {
      next.add(id);
      shift++;
      changed = true;
    } else if (had) next.add(id);
  }
  return changed ? next : undefined;
}

function sameEntries(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/**
 * What each link of the print leads to, by the id its destination names: a contents entry's
 * number and title, a figure's or table's label and caption, a reference's text, "Notes" for a
 * note (PDF/UA: a link annotation describes itself in `/Contents`).
 *
 * @param book The edition.
 * @returns Print id → description.
 */
export function linkDescriptions(book: Book): (id: string) => string | undefined {
  const described = new Map<string, string>();
  const add = (id: string, text: string) => described.set(printId(id), text.replace(/\s+/g, ' ').trim());
  const walk = (entries: readonly TocEntry[]) => {
    for (const entry of entries) {
      add(entry.id, entry.label ? `${entry.label} ${entry.title}` : entry.title);
      walk(entry.children);
    }
  };
  walk(book.toc);
  for (const target of book.xrefs.targets.values())
    add(target.id, target.number ? `${target.label}: ${target.title}` : target.title);
  for (const reference of book.cited.references)
    add(
      reference.id,
      htmlParts(reference.html)
        .filter((part) => !part.startsWith('<'))
        .join(''),
    );
  return (id) => described.get(id) ?? (id.includes('--fn') ? book.labels.notes : undefined);
}
