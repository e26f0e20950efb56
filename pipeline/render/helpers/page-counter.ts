/**
 * `{{{pageCounter labels.pageOf}}}`: "Page {page} of {pages}" as the value of `content:` in an
 * `@page` margin box, with the placeholders as counters.
 */
import { cssString } from './css-string.js';

/**
 * @param text Catalogue text with `{page}` and `{pages}`.
 * @returns CSS such as `"Page " counter(page) " of " counter(pages)`.
 */
export function pageCounter(text: unknown): string {
  return String(text)
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}
