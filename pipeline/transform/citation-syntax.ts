/**
 * The citation syntax, written once: `[@a; @b, p. 3]`, a bare `@key`, `@fig:x` references.
 */
import type { CitationItem } from '../model/types.js';

/** Characters a citation key may hold after its first one (Pandoc's set). */
const keyTail = String.raw`[A-Za-z0-9_:.#$%&+?<>~/-]`;

/** A citation key, anchored: starts with a letter, digit or `_`. */
export const keyPattern = new RegExp(String.raw`^[A-Za-z0-9_]${keyTail}*$`);

/**
 * `[@a; @b, p. 3]` (not followed by `(`: `[@user](url)` is a link), `@fig:x`, or a bare `@key`
 * not inside a word or an address. A bare key ends on a letter or digit, so the full stop after
 * "as @smith2020." is not part of it. Linear: no group repeats another.
 */
export const citationToken = new RegExp(
  String.raw`\[(@[^\]\n]{1,1000})\](?!\()|(?<![\w@.\uE000])@([A-Za-z0-9_](?:${keyTail}{0,200}[A-Za-z0-9_])?)`,
  'g',
);

/** `@fig:x`, `@tbl:x`, `@sec:x`, `@eq:x`: a cross-reference, not a citation. */
export const xrefPattern = /^(?:fig|tbl|sec|eq):[A-Za-z0-9_-]+$/;

const locatorLabels: [RegExp, string][] = [
  [/^pp?\.\s*/, 'page'],
  [/^chaps?\.\s*/, 'chapter'],
  [/^secs?\.\s*/, 'section'],
  [/^paras?\.\s*/, 'paragraph'],
  [/^figs?\.\s*/, 'figure'],
  [/^vols?\.\s*/, 'volume'],
];

/**
 * Parse the inside of `[@a; @b, p. 3]`.
 *
 * @param text Without the brackets.
 * @returns The items, or `undefined` when it is not a citation.
 */
export function parseCitation(text: string): CitationItem[] | undefined {
  const items: CitationItem[] = [];
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (!trimmed.startsWith('@')) return undefined;
    const comma = trimmed.indexOf(',');
    const key = (comma === -1 ? trimmed.slice(1) : trimmed.slice(1, comma)).trim();
    let end = key.length;
    while (end > 0 && (key[end - 1] === '.' || key[end - 1] === ':')) end--;
    const id = key.slice(0, end);
    if (!keyPattern.test(id)) return undefined;
    const item: CitationItem = { id };
    const locator = comma === -1 ? '' : trimmed.slice(comma + 1).trim();
    if (locator) {
      const rule = locatorLabels.find(([prefix]) => prefix.test(locator));
      item.label = rule?.[1] ?? 'page';
      item.locator = rule ? locator.replace(rule[0], '') : locator;
    }
    items.push(item);
  }
  return items;
}

/**
 * Stands before an `@` the author escaped (`\@`) from the parse until citations are found, so
 * that it prints as `@` and never starts a citation; removed afterwards.
 */
export const escapedAt = '\uE000';
