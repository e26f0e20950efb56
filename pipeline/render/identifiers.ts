/**
 * A book's identifiers as registries and readers compare them: a DOI without its resolver's
 * address, an ISBN as its digits (and a final `X`).
 */

/** `https://doi.org/10.5555/x` → `10.5555/x`. */
export const bareDoi = (doi: string): string => doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');

/** `978-3-16-148410-0` → `9783161484100`. */
export const isbnDigits = (isbn: string): string => isbn.replace(/[^0-9Xx]/g, '');
