/**
 * Where a book's files are, inside its content folder: the one place that names them, as
 * Eleventy's project directories do (`assemble/pages.ts` names the outputs' pages).
 */

/** The content folder's files and folders, relative to it. */
export const directories = {
  /** The settings. */
  settings: 'whitepaper.yaml',
  /** Chapters: `NN-slug.md`, in `<language>/` folders in a book with `languages`. */
  chapters: 'chapters',
  /** Case studies: `<slug>.md`, and the awards file by default. */
  cases: 'cases',
  /** The awards file unless the settings name another. */
  awards: 'cases/awards.yaml',
  /** Templates that override the pipeline's, file by file. */
  templates: 'templates',
  /** Where a build writes unless told otherwise. */
  output: 'output',
  /** The build cache, inside the output folder. */
  cache: '.cache',
} as const;

/**
 * The folder an edition's chapters are read from.
 *
 * @param language The edition's language, or `undefined` in a book without `languages`.
 * @returns Such as `chapters` or `chapters/zh`.
 */
export function chapterFolder(language?: string): string {
  return language === undefined ? directories.chapters : `${directories.chapters}/${language}`;
}
