/**
 * `$…$` is a formula, but "costs $5 and $10" is money: an inline formula that reads as an
 * amount of money goes back to text, with a warning that says how to write either.
 */
import type { InlineMath } from 'mdast-util-math';
import type { Root } from 'mdast';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { warn } from '../model/message.js';

/** An amount, then words: `5 and `, `3.2 billion in `. */
const money = /^\d[\d.,]*\s+\p{L}/u;

/**
 * @returns Transformer.
 */
export function remarkMathDollars() {
  return (tree: Root, file: VFile): undefined => {
    walk(tree, 'inlineMath', (node: InlineMath, index, parent) => {
      if (!parent || index === undefined || !money.test(node.value)) return;
      parent.children[index] = {
        type: 'text',
        value: `$${node.value}$`,
        ...(node.position ? { position: node.position } : {}),
      };
      warn(
        file,
        `Unexpected formula \`$${node.value}$\`, expected an amount of money: write \`\\$\` for a dollar sign, and a formula without words after its first number`,
        node.position,
        'math-dollar',
      );
    });
  };
}
