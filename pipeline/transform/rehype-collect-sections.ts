/**
 * Record the second-level headings of a file in `file.data.sections`.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, walk } from '../shared/walk.js';
import type { VFile } from 'vfile';

/**
 * The table of contents and the PDF outline list chapters and their `##` sections. The
 * footnotes' own heading is not a section.
 *
 * @returns Transformer.
 */
export function rehypeCollectSections() {
  return (tree: Root, file: VFile): undefined => {
    file.data.sections = [];
    walk(tree, 'element', (node) => {
      if (node.properties['dataFootnotes'] !== undefined) return SKIP;
      const id = node.properties['id'];
      if (node.tagName === 'h2' && typeof id === 'string') {
        file.data.sections?.push({ id, title: toString(node).trim(), depth: 2 });
      }
      return undefined;
    });
  };
}
