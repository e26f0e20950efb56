/**
 * The site's page scheme, in one place: which page holds a chapter, a case, the references,
 * the compendium and its indices, and how a page reaches the site root.
 */

/** Paths of the site's pages below an edition's root. */
export const pages = {
  index: 'index.html',
  references: 'references.html',
  keyMessages: 'key-messages.html',
  compendium: 'cases/index.html',
  indices: 'cases/indices.html',
  changes: 'changes.html',
  /** The submission form, when the book makes it public (`submissionForm: public`). */
  submit: 'submit.html',
  /**
   * @param slug A chapter's slug.
   * @returns Its page.
   */
  chapter: (slug: string) => `chapters/${slug}.html`,
  /**
   * @param slug A case's slug.
   * @returns Its page.
   */
  case: (slug: string) => `cases/${slug}.html`,
} as const;

/**
 * The site root seen from a page.
 *
 * @param page A page's path below the root.
 * @returns `''` for a page at the root, `../` for one a folder down.
 */
export function rootFrom(page: string): string {
  return '../'.repeat(page.split('/').length - 1);
}

/**
 * An edition's folder below the site root: none in a book of one language, `<language>/` in a
 * book of several.
 *
 * @param language The edition's language.
 * @param several Whether the book has several editions.
 * @returns `''` or such as `zh/`.
 */
export function editionFolder(language: string, several: boolean): string {
  return several ? `${language}/` : '';
}

/**
 * The file name of an edition's book PDF: `<name>.pdf`, or `<name>-<language>.pdf` in a book of
 * several languages.
 *
 * @param name The book's `name`.
 * @param language The edition's language.
 * @param several Whether the book has several editions.
 * @returns The file name.
 */
export function bookPdfName(name: string, language: string, several: boolean): string {
  return several ? `${name}-${language}.pdf` : `${name}.pdf`;
}
