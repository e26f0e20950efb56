/**
 * A paragraph right after a figure or a table that starts with `Source:` (or `Sources:`,
 * `Note:`, `Notes:`, `资料来源：`, `来源：`, `注：`) is its source note: set small, under it.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';

/** How a source note starts, in the languages with a catalogue. */
const sourceNote = /^\s*(?:Sources?|Notes?|资料来源|来源|注)\s*[:：]/;

/**
 * Runs after `rehype-figures`: marks each source note with `class="source-note"`.
 *
 * @returns Transformer.
 */
export function rehypeSourceNotes() {
  return (tree: Root): undefined => {
    const blocks = tree.children.filter((node): node is Element => node.type === 'element');
    for (const [index, node] of blocks.entries()) {
      const next = blocks[index + 1];
      if (!next || next.tagName !== 'p' || !(node.tagName === 'figure' || node.tagName === 'table')) continue;
      if (!sourceNote.test(toString(next))) continue;
      const classes = Array.isArray(next.properties['className']) ? next.properties['className'] : [];
      next.properties['className'] = [...classes, 'source-note'];
    }
  };
}
