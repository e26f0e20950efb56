/**
 * An EPUB 3 of each edition (`<name>-<language>.epub`), when the build or the settings ask for
 * one. When the build prints, it waits for the book PDFs: the EPUB's page list gives the printed
 * pages, so that a reader can cite the page a PDF reader would.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
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
    // WebP images become PNG, drawn by the build's Chromium (launched only when a book has one).
    let page: Page | undefined;
    const toPng = async (bytes: Uint8Array): Promise<Uint8Array> => {
      page ??= await (await job.print()).browser.newPage();
      const png = await page.evaluate(
        async (data: string) => {
          const bitmap = await createImageBitmap(await (await fetch(data)).blob());
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
          const blob = await canvas.convertToBlob({ type: 'image/png' });
          let binary = '';
          for (const byte of new Uint8Array(await blob.arrayBuffer())) binary += String.fromCharCode(byte);
          return btoa(binary);
        },
        `data:image/webp;base64,${Buffer.from(bytes).toString('base64')}`,
      );
      return new Uint8Array(Buffer.from(png, 'base64'));
    };
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
        toPng,
        ...(pdf
          ? { printed: await printedPages(pdf.bytes, job.context.templates.file('print.css')), pdfName: pdf.name }
          : {}),
      });
      await writeFile(join(staging, name), bytes);
      written.push(name);
      editions.push({ epub: join(out, name) });
    }
    await page?.close();
    job.time('epub');
    return { written, outputs: { editions } };
  },
};
