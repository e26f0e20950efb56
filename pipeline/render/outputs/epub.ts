/**
 * An EPUB 3 of each edition (`<name>-<language>.epub`), when the build or the settings ask for
 * one. When the build prints, it waits for the book PDFs: the EPUB's page list gives the printed
 * pages, so that a reader can cite the page a PDF reader would.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDate } from '../build-date.js';
import type { BookPages, Output } from './output.js';

export const epub: Output = {
  name: 'epub',
  wanted: (options, books) => books.length > 0 && (options.epub === true || books[0]?.settings.epub === true),
  async make(job) {
    const { books, staging, out } = job;
    const { renderEpub } = await import('../epub/epub.js');
    const { printedPages } = await import('../print/page-texts.js');
    const printed = await job.result<BookPages>('book');
    const date = buildDate();
    const written: string[] = [];
    const editions = [];
    for (const edition of books) {
      const language = edition.settings.language;
      const pdf = printed?.pdfs.get(language);
      const name = `${edition.settings.name}-${language}.epub`;
      const bytes = await renderEpub(edition, {
        books,
        context: job.context,
        date,
        ...(pdf
          ? { printed: await printedPages(pdf.bytes, job.context.templates.file('print.css')), pdfName: pdf.name }
          : {}),
      });
      await writeFile(join(staging, name), bytes);
      written.push(name);
      editions.push({ epub: join(out, name) });
    }
    job.time('epub');
    return { written, outputs: { editions } };
  },
};
