/**
 * A soft line break between two CJK characters is no space. Translators wrap their Markdown
 * lines; HTML turns each line break into a space, which Chinese and Japanese do not have
 * ("際に、 Hello"). CSS Text 3's segment-break rules (and markdown-it-cjk-breaks,
 * remark-cjk-friendly) remove the break when the characters on both sides are East Asian wide
 * and neither is Hangul: Korean separates words with spaces, so its breaks stay.
 */
import type { Nodes, Parent, Root } from 'mdast';
import { characterAt, characterBefore } from '../data/languages/spacing.js';
import { SKIP, walk } from '../shared/walk.js';
import { blockText } from './block-text.js';

/** Han, kana, bopomofo, CJK punctuation and full-width forms: the characters a break between vanishes. */
const wide =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\u30fb\u30fc\uff01-\uff60\uffe0-\uffe6]/u;

/** Blocks whose text is running text. */
const blocks = new Set(['paragraph', 'heading', 'tableCell']);

/** Whether a character is a blank that surrounds a soft break. */
const blank = (character: string | undefined): boolean => character === ' ' || character === '\t';

/**
 * @returns The transformer: soft breaks between CJK characters removed from every block's text.
 */
export function remarkCjkBreaks() {
  return (tree: Root): undefined => {
    walk(tree, (node: Nodes) => {
      if (!blocks.has(node.type)) return undefined;
      joinBlock(node as Nodes & Parent);
      return SKIP;
    });
  };
}

/** The block's text nodes joined where they break between CJK characters; code reads as its text. */
function joinBlock(block: Nodes & Parent): void {
  // An image, a break or a formula stands between: nothing joins across it.
  const { whole, texts } = blockText(block, (node) => (node.type === 'inlineCode' ? node.value : ' '));
  for (const { node, value, start } of texts) {
    if (!value.includes('\n')) continue;
    node.value = joinBreaks(value, (from, to) => {
      return wide.test(characterBefore(whole, start + from)) && wide.test(characterAt(whole, start + to));
    });
  }
}

/**
 * `value` with each soft break (a line feed and the blanks around it, scanned once) removed
 * where `vanishes(from, to)` says so; `from` and `to` bound the run.
 */
function joinBreaks(value: string, vanishes: (from: number, to: number) => boolean): string {
  let out = '';
  let kept = 0;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) {
    let from = at;
    while (from > kept && blank(value[from - 1])) from -= 1;
    let to = at + 1;
    while (blank(value[to])) to += 1;
    if (!vanishes(from, to)) continue;
    out += value.slice(kept, from);
    kept = to;
    at = to - 1;
  }
  return out + value.slice(kept);
}
