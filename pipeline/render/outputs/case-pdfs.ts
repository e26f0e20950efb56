/** `--case-pdfs`: each case cut out of the main edition's PDF, `cases/<slug>.pdf`, with its own title. */
import { join } from 'node:path';
import { writeNamedPdfs } from '../output/pdfs.js';
import type { BookPages, Output } from './output.js';

export const casePdfs: Output = {
  name: 'case-pdfs',
  wanted: (options, books) => books.length > 0 && !options.htmlOnly && options.casePdfs === true,
  async make(job) {
    const [main] = job.books;
    const printed = await job.result<BookPages>('book');
    if (!main || !printed) return { written: [] };
    const { extractCasePdfs } = await import('../print/index.js');
    await writeNamedPdfs(join(job.staging, 'cases'), await extractCasePdfs(printed.document, main, printed.ranges));
    job.time('case pdfs');
    return { written: ['cases'], outputs: { cases: join(job.out, 'cases') } };
  },
};
