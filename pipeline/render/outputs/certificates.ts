/**
 * A one-page certificate per awarded case, `certificates/<slug>.pdf`: printed in a second tab
 * while the book prints (Chromium renders each in a process of its own).
 */
import { join } from 'node:path';
import { editionFolder } from '../../assemble/pages.js';
import { writeNamedPdfs } from '../output/pdfs.js';
import type { Output } from './output.js';

export const certificates: Output = {
  name: 'certificates',
  wanted: (options, books) => books.length > 0 && !options.htmlOnly,
  async make(job) {
    const [main] = job.books;
    if (!main) return { written: [] };
    const { printCertificates } = await import('../print/index.js');
    const print = await job.print();
    await job.event('site-assets');
    const site = `../site/${editionFolder(main.settings.language, job.books.length > 1)}`;
    const printed = await printCertificates(main, print, { site });
    await writeNamedPdfs(join(job.staging, 'certificates'), printed);
    job.time('certificates');
    // The folder replaces the last build's either way; it is named only when it holds certificates.
    return {
      written: ['certificates'],
      outputs: { certificates: printed.size > 0 ? join(job.out, 'certificates') : null },
    };
  },
};
