/**
 * Where the print document marks the end of each case: an empty element the document also links
 * to (unseen), so that Chromium writes a named destination for it, with its page and its height
 * on the page. The book's print reads them to find cases whose last page holds a few lines only.
 */

/**
 * @param id A case's id.
 * @returns The id of the mark at its end: no slug or heading id holds a dot.
 */
export const caseEndId = (id: string) => `${id}.end`;
