/**
 * Mark the blocks that changed since an earlier version of the file (`file.data.previous`).
 */
import type { Root as MdastRoot, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Processor } from 'unified';
import { VFile } from 'vfile';
import { bodyOf } from '../load/front-matter.js';
import { diffBlocks } from './diff-blocks.js';
import { remarkAutolinkProtocols } from './remark-autolink-protocols.js';
import { remarkCjkBreaks } from './remark-cjk-breaks.js';
import { remarkHtmlBlocks } from './remark-html-blocks.js';
import { remarkMathBlocks } from './remark-math-blocks.js';
import { remarkMathDollars } from './remark-math-dollars.js';
import { remarkTypography } from './remark-typography.js';

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
      // A comment is never published: neither is it a block that changed.
      if (node.type === 'html' && withoutComments(node.value).trim() === '') continue;
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
  const text =
    node.type === 'tableRow'
      ? node.children.map((cell) => toString(cell)).join(' | ')
      : node.type === 'html'
        ? withoutComments(node.value)
        : toString(node);
  return text.replace(/\s+/g, ' ').trim();
}

/** Raw HTML without its comments (an unclosed one runs to the end). */
function withoutComments(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
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
  // The earlier text goes through the plugins before this one that change text (quotes, dashes,
  // CJK breaks, money, autolinks, Markdown in HTML): like is compared with like.
  const textPlugins = [
    remarkMathDollars(),
    remarkMathBlocks(),
    remarkAutolinkProtocols(),
    remarkHtmlBlocks.call(this),
    remarkCjkBreaks(),
    remarkTypography(),
  ];
  const earlier = (text: string) => {
    const file = new VFile(text);
    const tree = this.parse(file) as MdastRoot;
    for (const plugin of textPlugins) plugin(tree, file);
    return tree;
  };
  return (tree: MdastRoot, file: VFile): undefined => {
    if (file.data.previous === undefined) return;
    // Only the earlier *body* is compared: its front matter is never shown, even when broken.
    const before = blocksOf(earlier(bodyOf(file.data.previous ?? '')));
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
