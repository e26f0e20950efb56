/**
 * Display formulas as authors write them wrong: a `$$` that is never closed (often a label on
 * the closing line, `$$ {#eq:x}`, which CommonMark does not take as a fence) would make the rest
 * of the file one formula. It is an error at the opening line instead, and the text stays text.
 * Every display formula's place is handed to the element KaTeX renders, so that KaTeX's own
 * errors are located (`rehype-math-errors`).
 */
import type { Math } from 'mdast-util-math';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { walk } from '../shared/walk.js';

/** A closing fence: two or more dollar signs alone at the end of the block. */
const closed = /(?:^|\n)[ \t>]*\${2,}[ \t]*\r?\n?$/;

/**
 * @returns Transformer.
 */
export function remarkMathBlocks() {
  return (tree: Root, file: VFile): undefined => {
    const text = String(file.value);
    walk(tree, 'math', (node: Math, index, parent) => {
      const { start, end } = node.position ?? {};
      if (start?.offset === undefined || end?.offset === undefined) return;
      const source = text.slice(start.offset, end.offset);
      const firstLineEnd = source.indexOf('\n');
      if (firstLineEnd !== -1 && closed.test(source.slice(firstLineEnd))) {
        const [code] = node.data?.hChildren ?? [];
        if (code && !code.position) code.position = node.position;
        return;
      }
      error(
        file,
        'Unexpected display formula without a closing `$$` line, expected `$$` alone on the line after the formula (a label goes on the line after that: `{#eq:label}`)',
        start,
        'math-unclosed',
      );
      if (parent && index !== undefined)
        parent.children[index] = { type: 'code', value: source, position: node.position };
    });
  };
}
