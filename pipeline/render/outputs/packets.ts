/**
 * The judges' packets, `judging/<judge>.pdf` (blind, in the edition each judge reads) with a
 * blank score sheet `judging/<judge>.csv` for the cases assigned to them, and for a screening
 * round `judging/screening/<judge>.pdf` and `.csv`: made by a build of a book with judging
 * settings and assignments; the sheets also by an HTML-only build.
 */
import { join } from 'node:path';
import { editionFolder } from '../../assemble/pages.js';
import { blankSheet } from '../../judging/scores.js';
import { writeFiles } from '../output/staging.js';
import { writeNamedPdfs } from '../output/pdfs.js';
import type { Output } from './output.js';

export const packets: Output = {
  name: 'packets',
  wanted: (_options, books) => books.length > 0,
  async make(job) {
    const settings = job.judging?.settings;
    if (!job.judging || !settings || settings.assignments.size + settings.screening.size === 0) return { written: [] };
    const folder = join(job.staging, 'judging');
    const ids = settings.criteria.criteria.map((criterion) => criterion.id);
    await writeFiles(
      folder,
      new Map([
        ...[...settings.assignments].map(([judge, cases]) => [`${judge}.csv`, blankSheet(ids, cases)] as const),
        ...[...settings.screening].map(
          ([judge, cases]) => [`screening/${judge}.csv`, blankSheet(['verdict'], cases)] as const,
        ),
      ]),
    );
    if (!job.options.htmlOnly) {
      const { printPackets } = await import('../print/packets.js');
      const print = await job.print();
      await job.event('site-assets');
      const several = job.books.length > 1;
      const printed = await printPackets(job.books, job.judging, print, {
        site: (language) => `../site/${editionFolder(language, several)}`,
      });
      await writeNamedPdfs(folder, printed);
      job.time('packets');
    }
    // Named in the build's summary by its folder (`outputs.more.packets`).
    return { written: ['judging'] };
  },
};
