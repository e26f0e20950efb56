/**
 * An edition's language → the CSL locale it cites in: shipped, bundled with citation-js, or the
 * editors' own file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { languageFor } from '../data/languages/index.js';

/** Locales shipped with the pipeline (`citations/locales/`), by CSL name. */
const shipped = ['en-US', 'zh-CN', 'zh-TW', 'ja-JP', 'ko-KR'];

let bundled: Record<string, string> | undefined;

/** The locales citation-js ships, read from its data file without loading citation-js. */
function bundledLocales(): Record<string, string> {
  bundled ??= createRequire(import.meta.url)('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;
  return bundled;
}

const cache = new Map<string, string>();

/**
 * The XML of a locale the pipeline has, shipped or bundled.
 *
 * @param name CSL locale name such as `zh-CN`.
 * @returns The XML, or `undefined` when there is none.
 */
export function knownLocale(name: string): string | undefined {
  let xml = cache.get(name);
  if (xml === undefined) {
    if (shipped.includes(name)) xml = readFileSync(new URL(`./locales/locales-${name}.xml`, import.meta.url), 'utf8');
    else xml = bundledLocales()[name];
    if (xml !== undefined) cache.set(name, xml);
  }
  return xml;
}

/**
 * The CSL locale of a language: its own tag's, if there is one (`en-GB`); else the one its
 * registry entry names (`zh` → `zh-CN`, `zh-Hant` → `zh-TW`); else, for a language the registry
 * does not have, the first of its regions citation-js has (`vi` → `vi-VN`); else `en-US`.
 *
 * @param language BCP 47 tag of an edition.
 * @returns A locale name `knownLocale` has.
 */
export function localeFor(language: string): string {
  const [base = 'en'] = language.split('-');
  const candidates = [
    language,
    languageFor(language).citationLocale,
    ...Object.keys(bundledLocales())
      .filter((name) => name.split('-')[0] === base)
      .sort(),
  ];
  return candidates.find((name) => knownLocale(name) !== undefined) ?? 'en-US';
}

/**
 * A locale's `<term>` elements (a term holds no other term), each with its opening tag's
 * attributes: one scan forward, whatever the file holds.
 */
function terms(xml: string): { attributes: string; text: string }[] {
  const found: { attributes: string; text: string }[] = [];
  let at = xml.indexOf('<term');
  while (at !== -1) {
    const close = xml.indexOf('>', at);
    if (close === -1) break;
    const selfClosing = xml[close - 1] === '/';
    const end = selfClosing ? close + 1 : xml.indexOf('</term>', close) + '</term>'.length;
    if (end < close) break;
    if (/^<term[\s/>]/.test(xml.slice(at, at + 6)))
      found.push({ attributes: xml.slice(at + 5, selfClosing ? close - 1 : close), text: xml.slice(at, end) });
    at = xml.indexOf('<term', end);
  }
  return found;
}

/** What tells terms apart: their name, form and gender form. */
function termKey(attributes: string): string {
  const value = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? '';
  return [value('name'), value('form'), value('gender-form')].join('|');
}

/**
 * A locale file made whole: the terms, date formats and style options it leaves out, from
 * `en-US`. citeproc reads a locale file as complete (a file of the twenty terms an editor wants
 * in Vietnamese fails at the first name list, on the missing "et al."); with this, a book's
 * locale file holds what it changes.
 *
 * @param xml A CSL locale file.
 * @returns The file with every `en-US` term it lacks.
 */
export function completeLocale(xml: string): string {
  const base = knownLocale('en-US') ?? '';
  const own = new Set(terms(xml).map((term) => termKey(term.attributes)));
  const missing = terms(base)
    .filter((term) => !own.has(termKey(term.attributes)))
    .map((term) => term.text);
  const parts = (pattern: RegExp) => [...base.matchAll(pattern)].map((match) => match[0]);
  const options = /<style-options\b/.test(xml) ? [] : parts(/<style-options\b[^>]*\/>/g);
  const dates = ['text', 'numeric'].flatMap((form) =>
    new RegExp(`<date\\b[^>]*\\bform="${form}"`).test(xml)
      ? []
      : parts(new RegExp(`<date\\b[^>]*\\bform="${form}"[\\s\\S]*?<\\/date>`, 'g')),
  );
  let whole = xml;
  if (missing.length > 0)
    whole = /<\/terms>/.test(whole)
      ? whole.replace(/<\/terms>/, () => `${missing.join('\n')}\n</terms>`)
      : whole.replace(/<\/locale>/, () => `<terms>\n${missing.join('\n')}\n</terms>\n</locale>`);
  if (options.length + dates.length > 0)
    whole = whole.replace(/(<locale\b[^>]*>)/, (open) => `${open}\n${[...options, ...dates].join('\n')}`);
  return whole;
}

/**
 * The `xml:lang` a locale file declares.
 *
 * @param xml A CSL locale file.
 * @returns Its language, or `undefined` when it is not a CSL locale.
 */
export function declaredLocale(xml: string): string | undefined {
  if (!/<locale\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) return undefined;
  return /<locale\b[^>]*\bxml:lang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)"/.exec(xml)?.[1];
}
