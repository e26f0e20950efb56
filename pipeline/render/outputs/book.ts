/**
 * The book PDF of each edition (`<name>.pdf`, or `<name>-<language>.pdf` in a book of several
 * languages), with the print documents in `print/`. It announces `printing` when Chromium starts
 * the main edition's first pass; further editions print after it (in parallel they gained
 * nothing on two cores, and would add their memory to the peak).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile, type VFile as VFileType } from 'vfile';
import { bookPdfName, editionFolder } from '../../assemble/pages.js';
import { warn } from '../../model/message.js';
import type { Book } from '../../model/types.js';
import { languagePattern } from '../../model/schema.js';
import type { BookPages, Output, OutputJob } from './output.js';

const pdfName = (job: OutputJob, edition: Book) =>
  bookPdfName(edition.settings.name, edition.settings.language, job.books.length > 1);

export const book: Output<BookPages> = {
  name: 'book',
  announces: ['printing'],
  wanted: (options, books) => books.length > 0 && !options.htmlOnly,
  // The site links each edition to its PDF.
  prepare(job) {
    job.context.pdfs = new Map(job.books.map((edition) => [edition.settings.language, pdfName(job, edition)]));
  },
  async make(job) {
    const { books, staging, out } = job;
    const several = books.length > 1;
    const [main] = books;
    if (!main) return { written: [] };
    const { printBook, caseRanges } = await import('../print/index.js');
    // The print documents go to `print/`, which `job.print()` makes.
    const print = await job.print();
    await job.event('site-assets');
    const printEdition = async (edition: Book, onPrinting: () => void) => {
      const folder = editionFolder(edition.settings.language, several);
      const printDir = join(staging, 'print', folder);
      await mkdir(printDir, { recursive: true });
      // Each edition prints in a browser context of its own, like the certificates: nothing
      // of one print (nor of another build in a shared browser) touches another.
      const own = await print.browser.createBrowserContext();
      try {
        return await printBook(
          edition,
          { ...print, browser: own, printDir },
          {
            site: `${folder ? '../' : ''}../site/${folder}`,
            onPass: (pass) => job.time(`print pass ${pass}${several ? ` (${edition.settings.language})` : ''}`),
            onPrinting,
          },
        );
      } finally {
        await own.close();
      }
    };
    const printing = () => job.announce('printing');
    const printed = [await printEdition(main, printing).finally(printing)];
    for (const edition of books.slice(1)) printed.push(await printEdition(edition, () => {}));
    const written = ['print'];
    const editions = [];
    const pdfs = new Map<string, { name: string; bytes: Uint8Array }>();
    for (const [index, edition] of books.entries()) {
      const result = printed[index];
      if (!result) continue;
      const name = pdfName(job, edition);
      pdfs.set(edition.settings.language, { name, bytes: result.pdf });
      await writeFile(join(staging, name), result.pdf);
      written.push(name);
      editions.push({ pdf: join(out, name), pageCount: result.pageCount });
    }
    const [first] = printed;
    if (!first) return { written };
    const blocked = blockedReport(out, [...new Set(printed.flatMap((result) => result.blocked))]);
    return {
      written,
      // A full build replaces every book PDF of an earlier build, also those of editions (or of
      // a single-language layout) that this build no longer makes.
      replaced: await bookPdfs(out, main.settings.name),
      outputs: {
        pdf: editions[0]?.pdf ?? null,
        pageCount: first.pageCount,
        passes: first.passes,
        editions,
        printFile: blocked,
      },
      result: {
        document: first.document,
        ranges: caseRanges(main, first.pages, first.pageCount),
        pdfs,
        pages: { of: first.pages, labels: first.labels },
      },
    };
  },
};

/** Book PDFs in the output folder: `<name>.pdf` and `<name>-<language>.pdf`. */
async function bookPdfs(out: string, name: string): Promise<string[]> {
  const isBookPdf = (entry: string) => {
    if (!entry.startsWith(name) || !entry.endsWith('.pdf')) return false;
    const rest = entry.slice(name.length, -'.pdf'.length);
    return rest === '' || (rest.startsWith('-') && languagePattern.test(rest.slice(1)));
  };
  return (await readdir(out).catch(() => [])).filter(isBookPdf);
}

function blockedReport(out: string, blocked: readonly string[]): VFileType | null {
  if (blocked.length === 0) return null;
  const file = new VFile({ cwd: out, path: 'print/book.html' });
  for (const url of blocked)
    warn(
      file,
      `Unexpected request to \`${url}\`, blocked: the print page may load only files of the build`,
      undefined,
      'print-request-blocked',
    );
  return file;
}
