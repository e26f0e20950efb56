/**
 * Crossref's deposit of the main edition (`crossref.xml`), when the settings name a depositor
 * (`crossref:`). When the build prints, it waits for the book: the chapters' printed pages go in.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDate } from '../build-date.js';
import { crossrefDeposit } from '../site/crossref.js';
import type { BookPages, Output } from './output.js';

export const crossref: Output = {
  name: 'crossref',
  wanted: (_options, books) => books[0]?.settings.crossref !== undefined,
  async make(job) {
    const printed = await job.result<BookPages>('book');
    const xml = crossrefDeposit(job.books, job.context.templates, buildDate(), printed?.pages);
    if (xml === undefined) return { written: [] };
    await writeFile(join(job.staging, 'crossref.xml'), xml);
    job.time('crossref');
    return { written: ['crossref.xml'], outputs: { more: { crossref: join(job.out, 'crossref.xml') } } };
  },
};
