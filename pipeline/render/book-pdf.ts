/**
 * Book → the book PDF, with table-of-contents page numbers read back from a first print.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext } from 'puppeteer';
import { flattenToc, type TocEntry } from '../assemble/toc.js';
import { PrintError } from '../errors.js';
import type { Book } from '../types.js';
import { finishPdf, pagesOf, readDestinations } from './pdf-finish.js';
import { renderPdf } from './pdf.js';
import { renderPrintHtml } from './print.js';
import type { Templates } from './templates.js';
import type { Marks } from './view.js';

/** Options of `printBook`. */
export interface PrintOptions {
  browser: Browser | BrowserContext;
  /** Folder to write `book.html` and `print.css` into. */
  printDir: string;
  /** Folder the print page may load files from. */
  allowedRoot: string;
  timeout?: number;
  signal?: AbortSignal;
  /** Told when a print pass ends, with its number (1-based). */
  onPass?: (pass: number) => void;
  /** Draft and `--since` revision. */
  marks?: Marks;
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
  pageCount: number;
  passes: number;
  /** URLs the print page requested and was refused. */
  blocked: string[];
}

/** Most print passes before giving up on settling the page numbers. */
const maxPasses = 3;

/**
 * Print the book. Chromium cannot number pages in a table of contents (`target-counter()`), so
 * a first pass prints with the numbers blank, in boxes of fixed width, and with nothing painted;
 * the named destinations of that PDF tell where each heading landed; the next pass prints the
 * real document with the numbers. Because the boxes keep their width, the layout and so the
 * numbers stay the same; that is checked on the final PDF, and a further pass runs if they moved.
 *
 * @param book The assembled book.
 * @param toc Its table of contents.
 * @param templates Compiled templates.
 * @param options Browser, folders, timeout.
 * @returns The final PDF with bookmarks and metadata.
 */
export async function printBook(book: Book, toc: readonly TocEntry[], templates: Templates, options: PrintOptions): Promise<PrintedBook> {
  const htmlPath = join(options.printDir, 'book.html');
  await writeFile(join(options.printDir, 'print.css'), templates.file('print.css'));
  let pages: Map<string, number> | undefined;
  const blocked = new Set<string>();
  // Whose pages the document shows: contents entries, and figures and tables for their lists.
  const ids = [...flattenToc(toc).map((entry) => entry.id), ...[...book.xrefs.figures, ...book.xrefs.tables].map((target) => target.id)];
  // Pass 1 is a layout probe: the same document with nothing painted and no tags, three times
  // cheaper to print, whose named destinations still tell where everything lands.
  const probePath = join(options.printDir, 'probe.html');
  await writeFile(probePath, hideEverything(renderPrintHtml(book, toc, templates, { marks: options.marks, site: options.site })));
  const probe = await renderPdf(probePath, options.browser, { ...options, untagged: true });
  for (const url of probe.blocked) blocked.add(url);
  await rm(probePath);
  pages = pagesOf(readDestinations(await PDFDocument.load(probe.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })), ids);
  options.onPass?.(1);
  for (let pass = 2; pass <= maxPasses; pass++) {
    await writeFile(htmlPath, renderPrintHtml(book, toc, templates, { pages, marks: options.marks, site: options.site }));
    const printed = await renderPdf(htmlPath, options.browser, options);
    for (const url of printed.blocked) blocked.add(url);
    const doc = await PDFDocument.load(printed.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    const destinations = readDestinations(doc);
    const found = pagesOf(destinations, ids);
    options.onPass?.(pass);
    if (sameEntries(found, pages)) {
      const pdf = await finishPdf(doc, destinations, { settings: book.settings, toc });
      return { pdf, document: doc, pages, pageCount: doc.getPageCount(), passes: pass, blocked: [...blocked] };
    }
    pages = found;
  }
  throw new PrintError(`The table of contents' page numbers did not settle after ${maxPasses} print passes`);
}

/** The print document with nothing painted: same layout, almost nothing for Skia to draw. */
function hideEverything(html: string): string {
  return html.replace('</head>', '<style>html { visibility: hidden !important; }</style>\n</head>');
}

function sameEntries(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
