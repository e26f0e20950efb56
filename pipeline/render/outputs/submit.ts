/**
 * The submission forms, `submit/<language>/index.html`, one per edition: made by every build of a
 * valid book, linked from the editors' dashboard.
 */
import { join } from 'node:path';
import { formScript } from '../../submit/bundle.js';
import { writeFiles } from '../output/staging.js';
import { renderSubmitForm } from '../site/submit.js';
import type { Output, SubmitForms } from './output.js';

export const submit: Output<SubmitForms> = {
  name: 'submit',
  wanted: (_options, books) => books.length > 0,
  async make(job) {
    const script = await formScript();
    const [main] = job.books;
    if (!main) return { written: [] };
    const forms = job.books.map((book) => ({
      language: book.settings.language,
      html: renderSubmitForm(book, main.settings.language, job.context, script),
    }));
    await writeFiles(
      join(job.staging, 'submit'),
      new Map(forms.map((form) => [`${form.language}/index.html`, form.html])),
    );
    job.time('submit');
    return {
      written: ['submit'],
      result: forms,
      outputs: { more: { submit: join(job.out, 'submit') } },
    };
  },
};
