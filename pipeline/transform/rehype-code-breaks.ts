/**
 * Long inline code may break after its punctuation (`urllib.request.urlopen`,
 * `/var/lib/whitepaper/cache`, `max_expand_count`): a `<wbr>` after each `.`, `/`, `_`, `-`,
 * `(`, `,` and `=`, as the Chicago Manual breaks URLs. Without one, a justified line before an
 * unbreakable run of 30 characters stretches its spaces wide, or the code runs into the margin.
 * The text is unchanged: copied, searched or read aloud, the code is as written.
 */
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, walk } from '../shared/walk.js';

/** Shorter code fits on any line. */
const minLength = 16;

/** Where code may break: after these, when something other than them follows. */
const breakAfter = new Set(['.', '/', '_', '-', '(', ',', '=']);

/**
 * @returns The transformer: break opportunities in long inline code.
 */
export function rehypeCodeBreaks() {
  return (tree: Root): undefined => {
    walk(tree, 'element', (node: Element) => {
      if (node.tagName === 'pre') return SKIP;
      if (node.tagName !== 'code') return undefined;
      node.children = node.children.flatMap((child) =>
        child.type === 'text' && child.value.length >= minLength ? withBreaks(child.value) : [child],
      );
      return SKIP;
    });
  };
}

function withBreaks(text: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let from = 0;
  // Not before the first word: a leading `/` or `./` stays with what follows.
  let word = false;
  for (let at = 1; at < text.length; at++) {
    word ||= !breakAfter.has(text[at - 1] ?? '');
    if (!word || !breakAfter.has(text[at - 1] ?? '') || breakAfter.has(text[at] ?? '')) continue;
    parts.push(
      { type: 'text', value: text.slice(from, at) },
      { type: 'element', tagName: 'wbr', properties: {}, children: [] },
    );
    from = at;
  }
  parts.push({ type: 'text', value: text.slice(from) });
  return parts;
}
