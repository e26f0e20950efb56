/**
 * Mark the blocks that changed since an earlier version of the file (`file.data.previous`).
 */
import type { Root as MdastRoot, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Processor } from 'unified';
import { VFile } from 'vfile';
import { bodyOf } from '../load/front-matter.js';
import { diffBlocks } from './diff-blocks.js';

/**
 * The blocks a reader re-reads: paragraphs, headings, list items, table rows, code, quotes'
 * contents, footnotes. Nested lists count with their item.
 *
 * @param tree Markdown tree.
 * @returns Blocks in document order.
 */
export function blocksOf(tree: MdastRoot): Nodes[] {
  const blocks: Nodes[] = [];
  const walk = (nodes: readonly Nodes[]) => {
    for (const node of nodes) {
      if (node.type === 'yaml' || node.type === 'definition') continue;
      if (node.type === 'list') walk(node.children);
      else if (node.type === 'table') walk(node.children);
      else if (node.type === 'blockquote') walk(node.children);
      else blocks.push(node);
    }
  };
  walk(tree.children);
  return blocks;
}

/** A block's text for a reader: table cells separated by bars. */
function blockText(node: Nodes | undefined): string {
  if (!node) return '';
  const text = node.type === 'tableRow' ? node.children.map((cell) => toString(cell)).join(' | ') : toString(node);
  return text.replace(/\s+/g, ' ').trim();
}

/** A block's content, without positions: equal signatures mean an unchanged block. */
function signature(node: Nodes): string {
  return JSON.stringify(node, (key, value: unknown) => (key === 'position' || key === 'data' ? undefined : value));
}

/**
 * Compares the file with `file.data.previous` (the same file at an earlier revision; `null`
 * when it did not exist) block by block. Changed and added blocks get `data-change` in the
 * HTML; removed blocks' text is kept in `file.data.removedBlocks`.
 *
 * @this Processor The frozen processor, whose parser reads the earlier version.
 * @returns Transformer.
 */
export function remarkChangeMarks(this: Processor) {
  const parse = (text: string) => this.parse(new VFile(text)) as MdastRoot;
  return (tree: MdastRoot, file: VFile): undefined => {
    if (file.data.previous === undefined) return;
    // Only the earlier *body* is compared: its front matter is never shown, even when broken.
    const before = blocksOf(parse(bodyOf(file.data.previous ?? '')));
    const after = blocksOf(tree);
    const diff = diffBlocks(before.map(signature), after.map(signature));
    for (const [index, kind] of diff.changes) {
      const node = after[index];
      if (!node) continue;
      node.data ??= {};
      node.data.hProperties = { ...node.data.hProperties, dataChange: kind };
    }
    file.data.removedBlocks = diff.removed.map((index) => blockText(before[index])).filter((text) => text !== '');
  };
}
