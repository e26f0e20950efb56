/**
 * An edition's language → the CSL locale it cites in: shipped, bundled with citation-js, or the
 * editors' own file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Locales shipped with the pipeline (`citations/locales/`), by CSL name. */
const shipped = ['en-US', 'zh-CN', 'zh-TW', 'ja-JP', 'ko-KR'];

/** CSL locale names, by the language tags an edition may have. */
const regions: Record<string, string> = {
  en: 'en-US',
  zh: 'zh-CN',
  'zh-Hans': 'zh-CN',
  'zh-SG': 'zh-CN',
  'zh-Hant': 'zh-TW',
  'zh-HK': 'zh-TW',
  'zh-MO': 'zh-TW',
  ja: 'ja-JP',
  ko: 'ko-KR',
  nl: 'nl-NL',
  fr: 'fr-FR',
  de: 'de-DE',
  es: 'es-ES',
};

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
 * The CSL locale of a language: the region CSL names for it (`zh` → `zh-CN`, `zh-Hant` →
 * `zh-TW`), if the pipeline has it; else `en-US`.
 *
 * @param language BCP 47 tag of an edition.
 * @returns A locale name `knownLocale` has.
 */
export function localeFor(language: string): string {
  const [base = 'en'] = language.split('-');
  const script = /-(Hans|Hant)\b/.exec(language)?.[1];
  const candidates = [language, regions[language], script ? regions[`${base}-${script}`] : undefined, regions[base]];
  return candidates.find((name): name is string => name !== undefined && knownLocale(name) !== undefined) ?? 'en-US';
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
