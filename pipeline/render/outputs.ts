/**
 * The checked collection → every output: site, dashboard, book PDF, certificates, case PDFs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile as VFileClass, type VFile } from 'vfile';
import { buildToc } from '../assemble/toc.js';
import { labels } from '../data/labels.js';
import { InterruptedError } from '../errors.js';
import { warn } from '../message.js';
import type { Book, BookSettings } from '../types.js';
import type { Awards } from '../validate/awards.js';
import type { Browser } from 'puppeteer';
import type { PageRange } from './case-pdfs.js';
import { renderDashboard } from './dashboard.js';
import { copyAssets, createStaging, writeFiles } from './output.js';
import { renderSite } from './site.js';
import { loadTemplates } from './templates.js';
import type { Marks } from './view.js';

/** The collection as `check()` leaves it: settings, every case file, the awards. */
export interface Collection {
  settings: BookSettings;
  cases: VFile[];
  awards: Awards;
}

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
}

/** What was written, as absolute paths. */
export interface Outputs {
  site: string | null;
  pdf: string | null;
  dashboard: string;
  certificates: string | null;
  cases: string | null;
  pageCount: number | null;
  passes: number | null;
  /** Messages about the print (blocked requests), on a file of their own. */
  printFile: VFile | null;
}

/**
 * Write the outputs through a staging folder. Without a book (the content has errors) only the
 * editors' dashboard is written, so that editors see what to fix; everything else keeps the
 * previous build.
 *
 * @param book The book, or `undefined` when the content has errors.
 * @param collection Settings, case files and awards.
 * @param options Output folder and what to build.
 * @returns Paths written.
 */
export async function renderOutputs(book: Book | undefined, collection: Collection, options: RenderOptions): Promise<Outputs> {
  const { out, time } = options;
  const templates = await loadTemplates(options.templates);
  const staging = await createStaging(out);
  const path = (name: string) => join(out, name);
  try {
    const dashboard = (ranges?: ReadonlyMap<string, PageRange>) =>
      writeFiles(join(staging.path, 'editors'), renderDashboard({ ...collection, ...(ranges ? { ranges } : {}) }, templates));
    const outputs: Outputs = { site: null, pdf: null, dashboard: path('editors/index.html'), certificates: null, cases: null, pageCount: null, passes: null, printFile: null };
    if (!book) {
      await dashboard();
      await staging.commit(['editors']);
      return outputs;
    }
    if (options.signal?.aborted) throw new InterruptedError();
    const toc = buildToc(book, labels);
    const site = join(staging.path, 'site');
    await writeFiles(site, renderSite(book, toc, templates, options.marks));
    await copyAssets(site, book.assets);
    outputs.site = path('site');
    time('render site');
    const written = ['site', 'editors'];
    if (options.htmlOnly) {
      await dashboard();
    } else {
      const { printBook, closeBrowser, launchBrowser, caseRanges, extractCasePdfs, printCertificates } = await import('./printing.js');
      const pdfName = `${book.settings.name}.pdf`;
      const printDir = join(staging.path, 'print');
      await mkdir(printDir);
      const launched = await (options.browser ?? launchBrowser(options.timeout ? { timeout: options.timeout } : {}));
      if (launched instanceof Error) throw launched;
      const browser = launched;
      time('launch browser');
      try {
        const print = {
          browser,
          printDir,
          allowedRoot: staging.path,
          ...(options.timeout ? { timeout: options.timeout } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        };
        // The certificates print in a second tab while the book prints: Chromium renders each in
        // a process of its own.
        const [printed, certificates] = await Promise.all([
          printBook(book, toc, templates, { ...print, ...(options.marks ? { marks: options.marks } : {}), onPass: (pass) => time(`print pass ${pass}`) }),
          printCertificates(book, templates, print),
        ]);
        await writeFile(join(staging.path, pdfName), printed.pdf);
        Object.assign(outputs, { pdf: path(pdfName), pageCount: printed.pageCount, passes: printed.passes });
        written.push('print', pdfName);
        const ranges = caseRanges(book, printed.pages, printed.pageCount);
        await dashboard(ranges);
        await writeNamedPdfs(join(staging.path, 'certificates'), certificates);
        outputs.certificates = path('certificates');
        written.push('certificates');
        time('certificates');
        if (options.casePdfs) {
          await writeNamedPdfs(join(staging.path, 'cases'), await extractCasePdfs(printed.document, book, ranges));
          outputs.cases = path('cases');
          written.push('cases');
          time('case pdfs');
        }
        outputs.printFile = blockedReport(out, printed.blocked);
      } finally {
        if (!options.browser) await closeBrowser(browser);
      }
    }
    if (options.signal?.aborted) throw new InterruptedError();
    await staging.commit(written);
    return outputs;
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

async function writeNamedPdfs(folder: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await mkdir(folder, { recursive: true });
  await Promise.all([...files].map(([name, bytes]) => writeFile(join(folder, `${name}.pdf`), bytes)));
}

function blockedReport(out: string, blocked: readonly string[]): VFile | null {
  if (blocked.length === 0) return null;
  const file = new VFileClass({ cwd: out, path: 'print/book.html' });
  for (const url of blocked) warn(file, `Unexpected request to \`${url}\`, blocked: the print page may load only files of the build`, undefined, 'print-request-blocked');
  return file;
}
