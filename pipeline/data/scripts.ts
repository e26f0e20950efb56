/**
 * Text → the language its script suggests, for `lang` attributes on names written in Chinese,
 * Japanese or Korean inside a page in another language (so that the right CJK font is used).
 */

const kana = /[\u3040-\u30ff\u31f0-\u31ff]/;
/** Hangul: Korean text. */
export const hangul = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** A character of a CJK script: Han, kana or hangul. */
export const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Where Han-only text is Japanese, Korean or Traditional Chinese rather than Simplified. */
const hanByCountry: Readonly<Record<string, string>> = {
  JP: 'ja',
  KR: 'ko',
  TW: 'zh-Hant',
  HK: 'zh-Hant',
  MO: 'zh-Hant',
};

/**
 * @param text A short text such as an organisation's name.
 * @param country ISO code of where it comes from, to tell Han text apart.
 * @returns `ja`, `ko`, `zh` or `zh-Hant` when the text is written in a CJK script; `null` otherwise.
 */
export function scriptLanguage(text: string, country = ''): string | null {
  if (kana.test(text)) return 'ja';
  if (hangul.test(text)) return 'ko';
  if (han.test(text)) return hanByCountry[country] ?? 'zh';
  return null;
}

/**
 * The `lang` an element needs inside a page: none when it is the page's language.
 *
 * @param language Language of the element's text, or `null` when unknown.
 * @param page Language of the page.
 * @returns The tag, or `null`.
 */
export function langWithin(language: string | null, page: string): string | null {
  if (!language) return null;
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  // Simplified Chinese inside a Chinese page needs no tag; Traditional inside Simplified does.
  return language.toLowerCase() === page.toLowerCase() ||
    (base(language) === base(page) && !/hant|tw|hk/i.test(language))
    ? null
    : language;
}
