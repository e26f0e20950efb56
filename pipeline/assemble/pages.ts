/**
 * The site's page scheme, in one place: which page holds a chapter, a case, the references,
 * the compendium and its indices, and how a page reaches the site root.
 */

/** Paths of the site's pages below an edition's root. */
export const pages = {
  index: 'index.html',
  references: 'references.html',
  compendium: 'cases/index.html',
  indices: 'cases/indices.html',
  changes: 'changes.html',
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
