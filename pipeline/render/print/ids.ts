/**
 * Ids as the print document writes them: short ASCII names, because Chromium turns every link
 * target into a PDF destination named after its id, and a PDF name holds at most 127 bytes.
 */
import { createHash } from 'node:crypto';

/** An id that can stand as it is: ASCII letters, digits and `-_.:`, short. */
const plain = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * The id an element has in the print document. A heading id in Chinese (`legal--公司的法律团队`)
 * becomes a destination name Chromium percent-encodes to three times its bytes and more; it is
 * replaced by its ASCII prefix and a hash (`legal--u5f1c0a9e3b2d`). Plain ids stay as they are.
 *
 * @param id The element's id in the site.
 * @returns Its id in the print document.
 */
export function printId(id: string): string {
  if (plain.test(id)) return id;
  const prefix = /^[A-Za-z0-9_.:-]*/.exec(id)?.[0].slice(0, 60) ?? '';
  return `${prefix}u${createHash('sha1').update(id).digest('hex').slice(0, 12)}`;
}

/**
 * Where the print document marks the end of a case: an empty element the document also links to
 * (unseen), so that Chromium writes a named destination for it, with its page and its height on
 * the page; the book's print reads them to find cases whose last page holds a few lines only.
 *
 * @param id A case's id.
 * @returns The id of the mark at its end: no slug or heading id holds a dot.
 */
export const caseEndId = (id: string) => `${id}.end`;

/**
 * Rewrite the ids of a rendered print document, and the links to them, with `printId`.
 *
 * @param html The print document.
 * @returns The document with every id plain.
 */
export function printIds(html: string): string {
  return html.replace(/ (id|href)="(#?)([^"]*)"/g, (whole, attribute: string, hash: string, value: string) => {
    if (attribute === 'href' && hash !== '#') return whole;
    const id = hash ? decodeOrKeep(value) : value;
    return id === '' || plain.test(id) ? whole : ` ${attribute}="${hash}${printId(id)}"`;
  });
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
