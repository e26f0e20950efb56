/**
 * The language registry: one entry per language (`en.ts`, `zh.ts`, `ja.ts`, `others.ts`) says
 * its fixed text, the CSL locale it cites in, its script (line breaking, faces), its direction and
 * its hyphenation patterns. Everything that asks about a language asks here; a book adds to or
 * overrides an entry's fixed text in its settings (`translations.<tag>.labels`).
 */
import { roman } from '../numerals.js';
import { autospacedScript, tightenCjkSpacing, tightenLabel } from './spacing.js';

export { tightenCjkSpacing } from './spacing.js';
import { english } from './en.js';
import { japanese } from './ja.js';
import type { Labels, Language, Script } from './labels.js';
import { korean, traditionalChinese } from './others.js';
import { chinese } from './zh.js';

export type { Labels, Language, Script };

/** Every language the pipeline knows. Adding one: its file, and a line here. */
export const languages: readonly Language[] = [english, chinese, japanese, korean, traditionalChinese];

/** Fixed text a book gives for a language, over its entry's (or English). */
export type OwnLabels = Partial<Omit<Labels, 'committees'>> & { committees?: Partial<Labels['committees']> };

const known = new Map<string, Language>();
for (const language of languages)
  for (const tag of [language.tag, ...(language.also ?? [])]) known.set(tag.toLowerCase(), language);

/** Scripts read right to left (Unicode's, by ISO 15924 code). */
const rightToLeft = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Mand', 'Samr', 'Rohg']);

/**
 * The registry's entry of a language: by the whole tag, then dropping subtags from the end
 * (`zh-Hant-TW` → `zh-Hant`, `en-GB` → `en`). A language the registry does not have gets an
 * entry from its tag: CLDR's likely script and direction, the citation locale of its likely
 * region (`vi` → `vi-VN`; the citation stage takes the nearest it has), its own hyphenation
 * patterns if there are any, no fixed text.
 *
 * @param tag BCP 47 tag.
 * @returns The entry.
 */
export function languageFor(tag: string): Language {
  const subtags = tag.toLowerCase().split('-');
  for (let length = subtags.length; length > 0; length--) {
    const found = known.get(subtags.slice(0, length).join('-'));
    if (found) return found;
  }
  // Asked for every string's tag of an edition (its faces): CLDR is asked once per tag.
  let entry = derived.get(tag);
  if (!entry) {
    entry = likelyEntry(tag, subtags[0] ?? tag);
    derived.set(tag, entry);
  }
  return entry;
}

/** Entries made for languages the registry does not have, by tag. */
const derived = new Map<string, Language>();

/** An entry from a tag alone: CLDR's likely script, direction and region. */
function likelyEntry(tag: string, primary: string): Language {
  let script = 'Latn';
  let citationLocale = tag;
  try {
    const likely = new Intl.Locale(tag).maximize();
    script = likely.script ?? script;
    if (likely.region) citationLocale = `${likely.language}-${likely.region}`;
  } catch {
    // Not a tag the runtime reads: set as Latin text.
  }
  return {
    tag,
    citationLocale,
    names: english.names,
    direction: rightToLeft.has(script) ? 'rtl' : 'ltr',
    script: script === 'Latn' ? 'latin' : 'other',
    hyphenation: primary,
  };
}

/** Whether text in the script is set as Chinese, Japanese or Korean: no spaces between words, strict line breaks. */
export function isCjk(script: Script): boolean {
  return script === 'hans' || script === 'hant' || script === 'ja' || script === 'ko';
}

/**
 * The fixed text of a language: the book's own (`own`) over its entry's, over the entry of its
 * primary subtag (`zh-Hant` → `zh`), over English.
 *
 * @param tag BCP 47 tag.
 * @param own What the book's settings give for it.
 * @returns Every fixed text.
 */
export function labelsFor(tag: string, own?: OwnLabels): Labels {
  const base = entryLabels(tag) ?? english.labels;
  if (!base) throw new Error('The English entry has no labels');
  const labels = own ? { ...base, ...own, committees: { ...base.committees, ...own.committees } } : base;
  // Chinese and Japanese: no typed gap beside Latin letters, digits or a placeholder.
  if (!autospaced(tag)) return labels;
  // Asked for each file by several plugins: tightened once per language and book's texts.
  const memo = own ? (tightOwnLabels.get(own) ?? new Map<string, Labels>()) : tightLabels;
  if (own) tightOwnLabels.set(own, memo);
  let kept = memo.get(tag);
  if (!kept) memo.set(tag, (kept = mapStrings(labels, tightenLabel)));
  return kept;
}

const tightLabels = new Map<string, Labels>();
const tightOwnLabels = new WeakMap<OwnLabels, Map<string, Labels>>();

/**
 * Whether text in a language is set with a gap the browser makes between its characters and
 * Latin letters or digits (`spacing.ts`): Chinese and Japanese.
 *
 * @param tag BCP 47 tag.
 */
export function autospaced(tag: string): boolean {
  return autospacedScript(languageFor(tag).script);
}

/**
 * Text of a language as the book sets it: in Chinese or Japanese without the spaces typed beside
 * Latin letters and digits (`spacing.ts`), else as it is.
 *
 * @param text Text of one language.
 * @param tag Its BCP 47 tag.
 */
export function spacedIn(text: string, tag: string): string {
  return autospaced(tag) ? tightenCjkSpacing(text) : text;
}

/** Every string in a value of strings, arrays and plain objects, changed. */
function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, change)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, change)])) as T;
  return value;
}

/**
 * The fixed texts a language would take from English: none when its entry (or its primary
 * subtag's) has them, else those the book does not give.
 *
 * @param tag BCP 47 tag.
 * @param own What the book's settings give for it.
 * @returns Names of the texts, in the catalogue's order.
 */
export function missingLabels(tag: string, own?: OwnLabels): string[] {
  if (entryLabels(tag)) return [];
  return Object.keys(englishLabels).filter((key) => !own || !Object.hasOwn(own, key));
}

/** The fixed text of a language's entry, or of its primary subtag's (`zh-Hant` → `zh`). */
function entryLabels(tag: string): Labels | undefined {
  return languageFor(tag).labels ?? languageFor(tag.split('-')[0] ?? tag).labels;
}

/** The English fixed text: the default, and what a language without its own gets. */
export const englishLabels: Labels = labelsFor('en');

/**
 * Fill in a fixed text.
 *
 * @param text Text with `{name}` placeholders.
 * @param values Value of each placeholder.
 * @returns The text; placeholders without a value stay as they are.
 */
export function format(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * How a part is numbered in a language: "Part II", "第 2 部分".
 *
 * @param labels The edition's fixed text.
 * @param number The part's number, from 1.
 */
export function partLabel(labels: Pick<Labels, 'part'>, number: number): string {
  return format(labels.part, { number, roman: roman(number).toUpperCase() });
}

/**
 * The name of a language in another language, by the runtime's CLDR data.
 *
 * @param language Tag of the language named.
 * @param inLanguage Tag of the language the name is written in.
 * @returns Such as "English", "中文", "英文".
 */
export function languageName(language: string, inLanguage: string): string {
  return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'code' }).of(language) ?? language;
}
