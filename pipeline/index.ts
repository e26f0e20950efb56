/**
 * The library API: `build()`, `check()`, `preview()`, `init()`, `newCase()` and `newChapter()`. The CLI is
 * a thin layer over these.
 */
import { join, resolve } from 'node:path';
import { resolveRoot } from './check.js';
import { defaultTemplates } from './render/templates.js';
import { initContent, newCase as scaffoldCase, newChapter as scaffoldChapter } from './scaffold.js';
import { directories } from './model/directories.js';

export type { Book, BookSettings, CaseStudy, Chapter, Heading } from './model/types.js';
export { defaultOutputs, type Made, type Output, type OutputJob, type Outputs } from './render/index.js';
export { build, type BuildOptions, type BuildResult } from './build.js';
export { check, type CheckOptions, type CheckResult } from './check.js';
export { preview, type Preview, type PreviewOptions } from './preview/index.js';
export { defaultTemplates } from './render/templates.js';
export {
  BrowserNotFoundError,
  InterruptedError,
  OutputError,
  PrintError,
  RefusedError,
  TemplateError,
  UsageError,
  WhitepaperError,
} from './model/errors.js';

/**
 * Start a new case study: write `cases/<slug>.md` with every field and a comment on each.
 *
 * @param slug Lowercase kebab-case name; the file must not exist.
 * @param options Content root.
 * @returns Path of the new file.
 */
export async function newCase(slug: string, options: { root?: string } = {}): Promise<string> {
  const root = resolveRoot(options.root);
  return scaffoldCase(root, slug, [defaultTemplates, join(root, directories.templates)]);
}

/**
 * Start a new chapter: write `chapters/NN-<slug>.md`, numbered after the last chapter (in a book
 * of several languages, in the main language's folder), with every field and a comment on each.
 *
 * @param slug Lowercase kebab-case name; no chapter may have it.
 * @param options Content root.
 * @returns Path of the new file.
 */
export async function newChapter(slug: string, options: { root?: string } = {}): Promise<string> {
  const root = resolveRoot(options.root);
  return scaffoldChapter(root, slug, [defaultTemplates, join(root, directories.templates)]);
}

/**
 * Start a book: write a minimal content folder (settings, one chapter, one example case, the
 * awards) that passes `check`.
 *
 * @param folder Where; made when missing. Default: the current folder.
 * @returns Paths of the files written.
 */
export async function init(folder = '.'): Promise<string[]> {
  return initContent(resolve(folder), [defaultTemplates]);
}
