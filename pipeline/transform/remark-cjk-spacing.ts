/**
 * In a Chinese or Japanese file, a space typed between Han or kana and a Latin letter or digit
 * is taken out: the style sheets set that gap themselves (`data/languages/spacing.ts`). Code is
 * left as written; the characters around a text node (across emphasis or a link) count. An
 * image's title (its figure's caption) is tightened too.
 */
import type { Nodes, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { autospaced } from '../data/languages/index.js';
import { characterAt, characterBefore, tightenCjkSpacing } from '../data/languages/spacing.js';
import { walk } from '../shared/walk.js';
import { blockText } from './block-text.js';

/** Blocks whose text is running text. */
const blocks = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * @returns The transformer: typed CJK–Latin spaces out of every block's text, in a file of a
 *   language that is set with the gap.
 */
export function remarkCjkSpacing() {
  return (tree: Root, file: VFile): undefined => {
    if (!autospaced(file.data.language ?? 'en')) return;
    walk(tree, (node: Nodes) => {
      // An image's title is its figure's caption.
      if (node.type === 'image' && node.title) node.title = tightenCjkSpacing(node.title);
      if (!blocks.has(node.type)) return undefined;
      tightenBlock(node as Nodes & Parent);
      return undefined;
    });
  };
}

/** The block's text nodes tightened, each seen with the characters around it. */
function tightenBlock(block: Nodes & Parent): void {
  // Code and a formula count by their characters ("PUE 为 $1.2$" is tightened before the
  // formula); a note's number is a digit; an image or a break is no letter on either side.
  const { whole, texts } = blockText(block, (node) =>
    node.type === 'inlineCode' || node.type === 'inlineMath'
      ? node.value
      : node.type === 'footnoteReference'
        ? '0'
        : '\u0000',
  );
  for (const { node, value, start, end } of texts)
    if (value.includes(' '))
      node.value = tightenCjkSpacing(value, characterBefore(whole, start), characterAt(whole, end));
}
