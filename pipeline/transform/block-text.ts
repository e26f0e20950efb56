/**
 * A block's text as one string, and each of its text nodes with where it stands in it: what a
 * plugin needs that decides by the characters around a text node (across emphasis, links, code).
 */
import type { Nodes, Parent, Text } from 'mdast';
import { walk } from '../shared/walk.js';

/** A text node of a block, its value, and its place in the block's whole text. */
export interface TextLeaf {
  node: Text;
  value: string;
  start: number;
  end: number;
}

/**
 * @param block A paragraph, heading or table cell.
 * @param standIn The text a leaf other than a text node stands for in the whole (its code, a
 *   character that joins nothing).
 * @returns The block's whole text, and its text nodes in order.
 */
export function blockText(
  block: Nodes & Parent,
  standIn: (node: Nodes) => string | undefined,
): { whole: string; texts: TextLeaf[] } {
  const texts: TextLeaf[] = [];
  let whole = '';
  walk(block, (node: Nodes) => {
    const value = node.type === 'text' ? node.value : 'children' in node ? undefined : standIn(node);
    if (value === undefined) return undefined;
    if (node.type === 'text') texts.push({ node, value, start: whole.length, end: whole.length + value.length });
    whole += value;
    return undefined;
  });
  return { whole, texts };
}
