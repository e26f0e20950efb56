/**
 * The site: every edition's pages, images, fonts and search, in `site/`. Its images come first
 * (announced as `site-assets`: the print documents show them from the site); its pages are
 * rendered while Chromium prints, when Node would only wait.
 */
import { join } from 'node:path';
import { editionFolder, pages } from '../../assemble/pages.js';
import { copyAssets, writeFiles } from '../output/staging.js';
import { fontSheets, renderSites, siteAssets } from '../site/site.js';
import type { Output, ServedFile, SubmitForms } from './output.js';

export const site: Output & Required<Pick<Output, 'serve'>> = {
  name: 'site',
  announces: ['site-assets'],
  wanted: (_options, books) => books.length > 0,
  async make(job) {
    const { books, context, staging, out } = job;
    const folder = join(staging, 'site');
    await copyAssets(folder, siteAssets(books));
    await writeFiles(folder, fontSheets(books));
    job.announce('site-assets');
    await job.event('printing');
    await writeFiles(folder, renderSites(books, context).files);
    const several = books.length > 1;
    // A public submission form: each edition's site holds its own (the compendium links it).
    if (books[0]?.settings.submissionForm === 'public') {
      const forms = (await job.result<SubmitForms>('submit')) ?? [];
      await writeFiles(
        folder,
        new Map(forms.map((form) => [`${editionFolder(form.language, several)}${pages.submit}`, form.html])),
      );
    }
    // Each page's social card, when the build draws them.
    const drawn = await job.result<Map<string, Uint8Array>>('cards');
    if (drawn) await writeFiles(folder, drawn);
    job.time('render site');
    return {
      written: ['site'],
      outputs: {
        site: join(out, 'site'),
        editions: books.map((edition) => ({
          language: edition.settings.language,
          site: join(out, 'site', editionFolder(edition.settings.language, several)).replace(/\/$/, ''),
          pdf: null,
          pageCount: null,
        })),
      },
    };
  },
  serve(books, context, memo) {
    const rendered = renderSites(books, context, memo);
    const files = new Map<string, ServedFile>();
    for (const [path, text] of rendered.files) files.set(path, { text });
    for (const asset of rendered.assets) files.set(asset.target, { source: asset.source });
    return files;
  },
};
