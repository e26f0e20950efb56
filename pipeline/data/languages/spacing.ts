/**
 * One rule for the gap between Chinese or Japanese and Latin letters or digits: the browser sets
 * it, an eighth of an em (CSS `text-autospace`, which the style sheets turn on for Chinese and
 * Japanese), and a space typed there is taken out: in the text (`remark-cjk-spacing.ts`), the
 * titles, settings and fixed texts (`labelsFor`). "2026 年版" as typed and "2026年11月27日" as
 * a date is written then look the same, in the text, the headings, the covers and the labels.
 * Korean separates its words with spaces: its text is left as it is.
 */
import type { Script } from './labels.js';

/** Han and kana: what the gap is set between, with Latin letters and digits. */
const ideograph = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A citation (`@key`) reads as its authors' names, a per cent sign as its number's: set apart the same way. */
const western = /[\p{Script=Latin}\p{Nd}@%]/u;

/**
 * Whether text in a script is set with the gap: Chinese in either script, Japanese.
 *
 * @param script A language's script.
 */
export function autospacedScript(script: Script): boolean {
  return script === 'hans' || script === 'hant' || script === 'ja';
}

/**
 * Text with the spaces typed between Han or kana and a Latin letter or digit taken out.
 *
 * @param text Text of one language that is `autospaced`.
 * @param before The character before the text, where it continues other text.
 * @param after The character after it.
 * @returns The text; the same string when nothing changes.
 */
export function tightenCjkSpacing(text: string, before = '', after = ''): string {
  if (!text.includes(' ')) return text;
  let out = '';
  let kept = 0;
  // Each run of spaces once, from its first space: linear in the text.
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at)) {
    let end = at;
    while (text[end] === ' ') end += 1;
    const left = at === 0 ? before : characterBefore(text, at);
    const right = end === text.length ? after : characterAt(text, end);
    if ((ideograph.test(left) && western.test(right)) || (western.test(left) && ideograph.test(right))) {
      out += text.slice(kept, at);
      kept = end;
    }
    at = end;
  }
  return kept === 0 ? text : out + text.slice(kept);
}

/**
 * A fixed text with its typed gaps taken out, those beside a placeholder too: "第 {number} 章"
 * → "第{number}章", whose number the browser then sets apart.
 *
 * @param text A fixed text of an `autospaced` language.
 * @returns The text.
 */
export function tightenLabel(text: string): string {
  return tightenCjkSpacing(text)
    .replace(/(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]) (?=\{)/gu, '')
    .replace(/(?<=\}) (?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu, '');
}

/**
 * The character (code point) that starts at `index`.
 *
 * @param text Any text.
 * @param index A UTF-16 index in it.
 */
export function characterAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/**
 * The character (code point) that ends just before `index`.
 *
 * @param text Any text.
 * @param index A UTF-16 index in it.
 */
export function characterBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  return characterAt(text, low >= 0xdc00 && low <= 0xdfff ? index - 2 : index - 1);
}
