/**
 * The library API: `build()` and `check()`. The CLI is a thin layer over these.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { assembleBook, type Part } from './assemble/book.js';
import { buildToc } from './assemble/toc.js';
import { labels } from './data/labels.js';
import { UsageError } from './errors.js';
import { loadSettings } from './load/settings.js';
import { loadSources } from './load/sources.js';
import { hasErrors, warn } from './message.js';
import { printBook } from './render/book-pdf.js';
import { launchBrowser } from './render/browser.js';
import { copyAssets, createStaging, writeFiles } from './render/output.js';
import { renderSite } from './render/site.js';
import { loadTemplates } from './render/templates.js';
import { createProcessor, transformFile } from './transform/processor.js';
import type { Book } from './types.js';
import { validateAwards } from './validate/awards.js';
import { validateCaseStudy, type CaseHead } from './validate/case-study.js';
import { validateChapter, type ChapterHead } from './validate/chapter.js';
import { validateSettings } from './validate/settings.js';

export type { Book, BookSettings, CaseStudy, Chapter, Heading } from './types.js';
export { BrowserNotFoundError, PrintError, TemplateError, UsageError, WhitepaperError } from './errors.js';

/** The project's own templates, used where a content root has none. */
export const defaultTemplates = fileURLToPath(new URL('../templates/', import.meta.url));

/** Options of `check()`. */
export interface CheckOptions {
  /** Content root holding `whitepaper.yaml`, `chapters/` and `cases/`. Default: the current folder. */
  root?: string;
  /** Told when a stage ends, with its duration. */
  onProgress?: (stage: string, milliseconds: number) => void;
}

/** Options of `build()`. */
export interface BuildOptions extends CheckOptions {
  /** Output folder. Default: `output/` under the root. */
  out?: string;
  /** Build the HTML site only, without printing the PDF. */
  htmlOnly?: boolean;
  /** Cancels the build; the browser is closed and the old output kept. */
  signal?: AbortSignal;
}

/** What a check found. */
export interface CheckResult {
  /** Every file with its messages, the settings first. */
  files: VFile[];
  /** The book, when the content has no errors. */
  book: Book | undefined;
}

/** What a build produced. */
export interface BuildResult extends CheckResult {
  /** Paths written, when the content had no errors. */
  outputs: { site: string; pdf: string | null } | null;
  /** PDF facts, when one was printed. */
  pdf: { pageCount: number; passes: number } | null;
}

/**
 * Load, validate, transform and assemble a book without writing anything.
 *
 * @param options Content root.
 * @returns Files with their messages, and the book when there are no errors.
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const root = resolveRoot(options.root);
  const time = timer(options.onProgress);
  const settingsFile = await loadSettings(root);
  const settings = validateSettings(settingsFile);
  if (!settings) return { files: [settingsFile], book: undefined };
  const sources = await loadSources(root, settings.awards);
  // Bodies of files that could be read are transformed even when their front matter is wrong,
  // so that one run reports the problems of both.
  const readable = new Set([...sources.chapters, ...sources.cases].filter((file) => !hasErrors(file)));
  time('load');

  const chapterHeads = sources.chapters.map((file) => ({ file, head: validateChapter(file) }));
  const caseHeads = sources.cases.map((file) => ({ file, head: validateCaseStudy(file, settings.countries) }));
  const awards = validateAwards(sources.awards, new Set(sources.cases.map((file) => file.stem ?? '')));
  time('validate');

  const processor = createProcessor({ root });
  const transform = async <Head extends ChapterHead | CaseHead>(items: { file: VFile; head: Head | undefined }[], kind: 'chapter' | 'case') => {
    const parts: Part<Head>[] = [];
    for (const { file, head } of items) {
      if (!readable.has(file)) continue;
      file.data.kind = kind;
      file.data.idPrefix = (kind === 'case' ? 'case-' : '') + (head?.slug ?? file.stem ?? '');
      const content = await transformFile(processor, file);
      if (head) parts.push({ file, head, content });
    }
    return parts;
  };
  const chapters = await transform(chapterHeads, 'chapter');
  const cases = await transform(caseHeads, 'case');
  time('transform');

  const book = assembleBook({ settings, chapters, cases, awards });
  time('assemble');
  const files = [settingsFile, ...sources.chapters, ...sources.cases, ...(sources.awards ? [sources.awards] : [])];
  return { files, book: files.some(hasErrors) ? undefined : book };
}

/**
 * Build the HTML site and, unless `htmlOnly`, the book PDF. Output is written to a staging
 * folder and moved into place only when everything succeeded.
 *
 * @param options Content root, output folder and what to build.
 * @returns Files with their messages, and what was written.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = resolveRoot(options.root);
  const out = resolve(options.out ?? join(root, 'output'));
  const checked = await check({ ...options, root });
  const { book, files } = checked;
  if (!book) return { ...checked, outputs: null, pdf: null };
  const time = timer(options.onProgress);
  const templates = await loadTemplates([defaultTemplates, join(root, 'templates')]);
  const toc = buildToc(book, labels.compendium);
  const staging = await createStaging(out);
  try {
    const site = join(staging.path, 'site');
    await writeFiles(site, renderSite(book, toc, templates));
    await copyAssets(site, book.assets);
    time('render site');
    const pdfName = `${book.settings.name}.pdf`;
    let pdf: BuildResult['pdf'] = null;
    if (!options.htmlOnly) {
      const printDir = join(staging.path, 'print');
      await mkdir(printDir);
      const browser = await launchBrowser();
      time('launch browser');
      try {
        const printed = await printBook(book, toc, templates, {
          browser,
          printDir,
          allowedRoot: staging.path,
          ...(options.signal ? { signal: options.signal } : {}),
          onPass: (pass) => time(`print pass ${pass}`),
        });
        await writeFile(join(staging.path, pdfName), printed.pdf);
        pdf = { pageCount: printed.pageCount, passes: printed.passes };
        if (printed.blocked.length > 0) {
          const file = new VFile({ cwd: out, path: 'print/book.html' });
          for (const url of printed.blocked) warn(file, `Unexpected request to \`${url}\`, blocked: the print page may load only files of the build`, undefined, 'print-request-blocked');
          files.push(file);
        }
      } finally {
        await browser.close();
      }
      time('finish pdf');
    }
    options.signal?.throwIfAborted();
    await staging.commit(options.htmlOnly ? ['site'] : ['site', 'print', pdfName]);
    return { files, book, outputs: { site: join(out, 'site'), pdf: options.htmlOnly ? null : join(out, pdfName) }, pdf };
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

function resolveRoot(root: string | undefined): string {
  const path = resolve(root ?? '.');
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`Content root \`${path}\` is not a folder`);
  return path;
}

function timer(onProgress: CheckOptions['onProgress']) {
  let last = performance.now();
  return (stage: string) => {
    const now = performance.now();
    onProgress?.(stage, now - last);
    last = now;
  };
}
