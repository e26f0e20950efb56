/**
 * The editors' dashboard, `editors/index.html`: made by every build, also one whose content has
 * errors (so that editors see what to fix); with each case's pages when the book is printed.
 */
import { join } from 'node:path';
import { writeFiles } from '../output/staging.js';
import { renderDashboard } from '../site/dashboard.js';
import { renderJudging } from '../site/judging.js';
import type { BookPages, Output, SubmitForms } from './output.js';

export const dashboard: Output = {
  name: 'dashboard',
  wanted: () => true,
  async make(job) {
    const printed = await job.result<BookPages>('book');
    const forms = ((await job.result<SubmitForms>('submit')) ?? []).map((form) => form.language);
    const ranges = printed?.ranges;
    const judging = job.judging
      ? renderJudging(job.judging, job.collection.settings, job.context)
      : new Map<string, string>();
    await writeFiles(
      join(job.staging, 'editors'),
      new Map([
        ...renderDashboard(
          { ...job.collection, ...(ranges ? { ranges } : {}), judging: judging.size > 0, forms },
          job.context,
        ),
        ...judging,
      ]),
    );
    return { written: ['editors'], outputs: { dashboard: join(job.out, 'editors', 'index.html') } };
  },
};
