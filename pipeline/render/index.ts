/**
 * The checked collection → every output: site, dashboard, book PDF, certificates, case PDFs.
 */
import { bookPdfName, editionFolder } from '../assemble/pages.js';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile as VFileClass, type VFile } from 'vfile';
import { InterruptedError, WhitepaperError } from '../errors.js';
import { warn } from '../message.js';
import type { Book, Collection } from '../types.js';
import { languagePattern } from '../validate/schema.js';
import type { Browser } from 'puppeteer';
import type { PageRange } from './print/case-pdfs.js';
import { renderDashboard } from './site/dashboard.js';
import { outputError } from './output/lock.js';
import { copyAssets, createStaging, writeFiles } from './output/staging.js';
import { fontSheets, renderSites, siteAssets } from './site/site.js';
import { loadTemplates } from './templates.js';
import type { PrintContext, RenderContext } from './context.js';
import { noMarks, type Marks } from './view/view.js';

/** Options of `renderOutputs`. */
export interface RenderOptions {
  out: string;
  /** Template folders, lowest precedence first. */
  templates: string[];
  htmlOnly?: boolean;
  casePdfs?: boolean;
  /** Milliseconds allowed for launching the browser, loading a document and printing it, each. */
  timeout?: number;
  signal?: AbortSignal;
  /** Marks the end of a stage. */
  time: (stage: string) => void;
  /** Draft label and `--since` revision. */
  marks?: Marks;
  /** A browser the caller started early and closes itself (or the error its launch gave). */
  browser?: Promise<Browser | Error>;
  /** Work of the caller's for the time Chromium prints and Node waits (the build cache's writing). */
  whilePrinting?: () => Promise<unknown>;
}

/** What was written for one edition, as absolute paths. */
export interface EditionOutputs {
  language: string;
  /** Its site folder: `output/site/` or, in a book of several languages, `output/site/<language>/`. */
  site: string;
  pdf: string | null;
  pageCount: number | null;
}

/** What was written, as absolute paths. */
export interface Outputs {
  site: string | null;
  /** The main edition's PDF. */
  pdf: string | null;
  dashboard: string;
  certificates: string | null;
  cases: string | null;
  /** Pages of the main edition's PDF. */
  pageCount: number | null;
  passes: number | null;
  /** Every edition, the main one first; empty when only the dashboard was written. */
  editions: EditionOutputs[];
  /** Messages about the print (blocked requests), on a file of their own. */
  printFile: VFile | null;
}

/**
 * Write the outputs through a staging folder. Without a book (the content has errors) only the
 * editors' dashboard is written, so that editors see what to fix; everything else keeps the
 * previous build. A book in several languages gets a site folder and a PDF per edition
 * (`<name>-<language>.pdf`); certificates, case PDFs and the dashboard are the main edition's.
 *
 * @param books Every edition, the main one first; none when the content has errors.
 * @param collection Settings, case files and awards.
 * @param options Output folder and what to build.
 * @returns Paths written.
 */
export async function renderOutputs(
  books: readonly Book[],
  collection: Collection,
  options: RenderOptions,
): Promise<Outputs> {
  const { out, time } = options;
  // One context for every output: the same templates and marks on the site, the PDF and the certificates.
  const context: RenderContext = { templates: await loadTemplates(options.templates), marks: options.marks ?? noMarks };
  const staging = await createStaging(out).catch((cause: unknown) => {
    throw outputError(out, cause);
  });
  const path = (name: string) => join(out, name);
  try {
    const dashboard = (ranges?: ReadonlyMap<string, PageRange>) =>
      writeFiles(
        join(staging.path, 'editors'),
        renderDashboard({ ...collection, ...(ranges ? { ranges } : {}) }, context),
      );
    const outputs: Outputs = {
      site: null,
      pdf: null,
      dashboard: path('editors/index.html'),
      certificates: null,
      cases: null,
      pageCount: null,
      passes: null,
      editions: [],
      printFile: null,
    };
    const [book] = books;
    if (!book) {
      await dashboard();
      await staging.commit(['editors']);
      return outputs;
    }
    if (options.signal?.aborted) throw new InterruptedError();
    const several = books.length > 1;
    const pdfName = (edition: Book) => bookPdfName(edition.settings.name, edition.settings.language, several);
    // A build that prints links each edition's site to its PDF.
    if (!options.htmlOnly)
      context.pdfs = new Map(books.map((edition) => [edition.settings.language, pdfName(edition)]));
    const folderOf = (edition: Book) => editionFolder(edition.settings.language, several);
    const site = join(staging.path, 'site');
    // Images first: the print document shows them from the site.
    await copyAssets(site, siteAssets(books));
    await writeFiles(site, fontSheets(books));
    const writeSite = async () => {
      await writeFiles(site, renderSites(books, context).files);
      outputs.site = path('site');
      time('render site');
    };
    outputs.editions = books.map((edition) => ({
      language: edition.settings.language,
      site: path(`site/${folderOf(edition)}`.replace(/\/$/, '')),
      pdf: null,
      pageCount: null,
    }));
    const written = ['site', 'editors'];
    if (options.htmlOnly) {
      await writeSite();
      await dashboard();
    } else {
      const { printBook, closeBrowser, launchBrowser, caseRanges, extractCasePdfs, printCertificates } =
        await import('./print/index.js');
      await mkdir(join(staging.path, 'print'));
      const launched = await (options.browser ?? launchBrowser(options.timeout ? { timeout: options.timeout } : {}));
      if (launched instanceof Error) throw launched;
      const browser = launched;
      time('launch browser');
      try {
        const print: PrintContext = {
          ...context,
          browser,
          printDir: join(staging.path, 'print'),
          allowedRoot: staging.path,
          ...(options.timeout ? { timeout: options.timeout } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        };
        // The site is rendered while Chromium prints: Node waits for it anyway.
        let printing = () => {};
        const started = new Promise<void>((resolve) => {
          printing = resolve;
        });
        const printEdition = async (edition: Book) => {
          const folder = folderOf(edition);
          const printDir = join(staging.path, 'print', folder);
          await mkdir(printDir, { recursive: true });
          // Each edition prints in a browser context of its own, like the certificates: nothing
          // of one print (nor of another build in a shared browser) touches another.
          const own = await browser.createBrowserContext();
          try {
            return await printBook(
              edition,
              { ...print, browser: own, printDir },
              {
                site: `${folder ? '../' : ''}../site/${folder}`,
                onPass: (pass) => time(`print pass ${pass}${several ? ` (${edition.settings.language})` : ''}`),
                onPrinting: printing,
              },
            );
          } finally {
            await own.close();
          }
        };
        // The certificates print in a second tab while the book prints: Chromium renders each in
        // a process of its own. Further editions print after it (in parallel they gained
        // nothing on two cores, and would add their memory to the peak).
        const [printed, certificates] = await settled([
          printEdition(book).finally(printing),
          printCertificates(book, print, { site: `../site/${folderOf(book)}` }),
          started.then(writeSite).then(() => options.whilePrinting?.()),
        ] as const);
        const editions = [printed];
        for (const edition of books.slice(1)) editions.push(await printEdition(edition));
        for (const [index, edition] of books.entries()) {
          const result = editions[index];
          const entry = outputs.editions[index];
          if (!result || !entry) continue;
          const name = pdfName(edition);
          await writeFile(join(staging.path, name), result.pdf);
          Object.assign(entry, { pdf: path(name), pageCount: result.pageCount });
          written.push(name);
        }
        Object.assign(outputs, {
          pdf: outputs.editions[0]?.pdf ?? null,
          pageCount: printed.pageCount,
          passes: printed.passes,
        });
        written.push('print');
        const ranges = caseRanges(book, printed.pages, printed.pageCount);
        await dashboard(ranges);
        await writeNamedPdfs(join(staging.path, 'certificates'), certificates);
        // The folder replaces the last build's either way; it is named only when it holds certificates.
        if (certificates.size > 0) outputs.certificates = path('certificates');
        written.push('certificates');
        time('certificates');
        if (options.casePdfs) {
          await writeNamedPdfs(join(staging.path, 'cases'), await extractCasePdfs(printed.document, book, ranges));
          outputs.cases = path('cases');
          written.push('cases');
          time('case pdfs');
        }
        outputs.printFile = blockedReport(out, [...new Set(editions.flatMap((result) => result.blocked))]);
      } finally {
        if (!options.browser) await closeBrowser(browser);
      }
    }
    if (options.signal?.aborted) throw new InterruptedError();
    // A full build replaces every book PDF of an earlier build, also those of editions (or of
    // a single-language layout) that this build no longer makes.
    await staging.commit(written, options.htmlOnly ? [] : await bookPdfs(out, book.settings.name));
    return outputs;
  } catch (error) {
    await staging.discard();
    // A file system failure (a full disk, a read-only folder) is the environment's, said in one line.
    if (!(error instanceof WhitepaperError) && typeof (error as NodeJS.ErrnoException).code === 'string')
      throw outputError(out, error);
    throw error;
  }
}

/**
 * Like `Promise.all`, but waits for every promise before throwing the first failure, so that
 * nothing still writes into the staging folder when it is discarded.
 */
async function settled<const T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/** Book PDFs in the output folder: `<name>.pdf` and `<name>-<language>.pdf`. */
async function bookPdfs(out: string, name: string): Promise<string[]> {
  const isBookPdf = (entry: string) => {
    if (!entry.startsWith(name) || !entry.endsWith('.pdf')) return false;
    const rest = entry.slice(name.length, -'.pdf'.length);
    return rest === '' || (rest.startsWith('-') && languagePattern.test(rest.slice(1)));
  };
  return (await readdir(out).catch(() => [])).filter(isBookPdf);
}

async function writeNamedPdfs(folder: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await mkdir(folder, { recursive: true });
  await Promise.all([...files].map(([name, bytes]) => writeFile(join(folder, `${name}.pdf`), bytes)));
}

function blockedReport(out: string, blocked: readonly string[]): VFile | null {
  if (blocked.length === 0) return null;
  const file = new VFileClass({ cwd: out, path: 'print/book.html' });
  for (const url of blocked)
    warn(
      file,
      `Unexpected request to \`${url}\`, blocked: the print page may load only files of the build`,
      undefined,
      'print-request-blocked',
    );
  return file;
}
