/**
 * Any item citation-js produces (or a CSL-JSON file holds) → an item citeproc can read: each
 * variable of the type CSL-JSON gives it. citation-js writes what biblatex allows and CSL does
 * not (`language = {langlatin and langgerman}` becomes a list; `location = {Paris and London}`
 * too), and citeproc calls string methods on what it takes for text: one such field stopped every
 * citation of a book. What cannot be made valid is dropped, and said.
 */
import type { CslItem } from './engine.js';

/** CSL 1.0.2's name variables. */
const names = new Set(
  'author chair collection-editor compiler composer container-author contributor curator director editor editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer original-author performer producer recipient reviewed-author script-writer series-creator translator'.split(
    ' ',
  ),
);

/** CSL 1.0.2's date variables. */
const dates = new Set('accessed available-date event-date issued original-date submitted'.split(' '));

/** CSL 1.0.2's number variables: a number or a string. */
const numbers = new Set(
  'chapter-number citation-number collection-number edition first-reference-note-number issue locator number number-of-pages number-of-volumes page page-first part-number printing-number section supplement-number version volume'.split(
    ' ',
  ),
);

/** Name parts CSL-JSON knows; each is text. */
const nameParts = ['family', 'given', 'dropping-particle', 'non-dropping-particle', 'suffix', 'literal'];

/**
 * biblatex's closing `and others`, as a name citeproc sorts and counts like any other; the
 * formatted text then says "et al." the locale's way where it stands (`withEtAl`).
 */
export const othersName = '\uE000others\uE000';

/** What was made of an item: the item, and the fields dropped from it. */
export interface ValidItem {
  item: CslItem;
  dropped: string[];
}

/**
 * @param item An item as citation-js made it (its own bookkeeping already gone).
 * @returns The item with every variable of its CSL type.
 */
export function validItem(item: CslItem): ValidItem {
  const valid: CslItem = { id: String(item.id) };
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (key === 'id' || value === undefined || value === null) continue;
    const made = names.has(key)
      ? nameList(value)
      : dates.has(key)
        ? date(value)
        : numbers.has(key)
          ? numberOrText(value)
          : key === 'custom'
            ? plainObject(value)
            : text(value);
    if (made === undefined) dropped.push(key);
    else valid[key] = made;
  }
  return { item: valid, dropped };
}

/** Text: a list joins with commas (a list of languages keeps its first: CSL has one). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    const parts = value.flatMap((part) => text(part) ?? []).filter((part) => part !== '');
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  return undefined;
}

function numberOrText(value: unknown): string | number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : text(value);
}

/** A list of names; biblatex's closing `and others` becomes `othersName`. */
function nameList(value: unknown): Record<string, string>[] | undefined {
  const given: unknown[] = Array.isArray(value) ? value : [value];
  const list = given.flatMap((name) => {
    const made = personName(name);
    return made ? [made] : [];
  });
  const last = list.at(-1);
  const lone = last && Object.keys(last).length === 1 ? (last['family'] ?? last['literal'] ?? '') : '';
  if (list.length > 1 && /^others$/i.test(lone)) list[list.length - 1] = { literal: othersName };
  return list.length > 0 ? list : undefined;
}

/**
 * Formatted text with each `othersName`, and the delimiter before it, as the locale's "et al.".
 *
 * @param html A citation or reference as citeproc formatted it.
 * @param etAl The locale's term, with its leading space where it takes one (" et al.", "等").
 * @returns The text.
 */
export function withEtAl(html: string, etAl: string): string {
  if (!html.includes(othersName)) return html;
  const pattern = new RegExp(
    `(\\s*[,;，、])?\\s*(?:(?:&#38;|&#x26;|&amp;|&|and|und|et|y|e|和|与|及|및)\\s*)?${othersName}(\\.)?`,
    'g',
  );
  // "Smith, J., & others." → "Smith, J., et al."; "Smith & others (2020)" → "Smith et al. (2020)".
  return html.replace(pattern, (_whole, comma: string | undefined, stop: string | undefined) => {
    const term = comma && /^\s/.test(etAl) ? `${comma.trim()} ${etAl.trim()}` : etAl;
    return term + (stop && !term.endsWith('.') ? stop : '');
  });
}

function personName(value: unknown): Record<string, string> | undefined {
  if (typeof value === 'string') return value.trim() ? { literal: value } : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const name: Record<string, string> = {};
  for (const part of nameParts) {
    const made = text((value as Record<string, unknown>)[part]);
    if (made) name[part] = made;
  }
  return Object.keys(name).length > 0 ? name : undefined;
}

/** A date: `date-parts` of whole numbers, or a `raw`/`literal` text; a bare year or text is taken as one. */
function date(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { 'date-parts': [[value]] };
  if (typeof value === 'string') return value.trim() ? { raw: value } : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const given = value as Record<string, unknown>;
  const made: Record<string, unknown> = {};
  const parts = given['date-parts'];
  if (Array.isArray(parts)) {
    const valid = parts
      .filter((part): part is unknown[] => Array.isArray(part))
      .map((part) =>
        part
          .slice(0, 3)
          .map((piece) => (typeof piece === 'string' && /^-?\d+$/.test(piece.trim()) ? Number(piece) : piece))
          .filter((piece): piece is number => typeof piece === 'number' && Number.isInteger(piece)),
      )
      .filter((part) => part.length > 0)
      .slice(0, 2);
    if (valid.length > 0) made['date-parts'] = valid;
  }
  for (const key of ['raw', 'literal', 'season']) {
    const part = text(given[key]);
    if (part) made[key] = part;
  }
  if (given['circa'] === true || given['circa'] === 1) made['circa'] = true;
  return Object.keys(made).length > 0 ? made : undefined;
}

/** `custom`: an object of plain values, kept as JSON would. */
function plainObject(value: unknown): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
