/**
 * Record the file's cross-reference targets in `file.data.anchors`, with their final ids.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import type { Anchor } from '../model/types.js';
import { idSeparator } from './rehype-scope-ids.js';

/**
 * Runs after ids are scoped. Figures and tables are numbered in document order per kind;
 * labelled sections take their heading text as title. Citation ids are scoped to match.
 *
 * @returns Transformer.
 */
export function rehypeCollectAnchors() {
  return (tree: Root, file: VFile): undefined => {
    const anchors: Anchor[] = [];
    const counts = { figure: 0, table: 0, section: 0, equation: 0 };
    walk(tree, 'element', (node) => {
      const key = node.properties['dataAnchor'];
      if (typeof key !== 'string') return;
      const declared = node.properties['dataAnchorKind'];
      const kind = declared === 'figure' || declared === 'table' || declared === 'equation' ? declared : 'section';
      const title = kind === 'section' ? toString(node).trim() : String(node.properties['dataTitle'] ?? '');
      anchors.push({
        key,
        kind,
        id: String(node.properties['id']),
        title,
        index: ++counts[kind],
        position: node.position,
      });
      delete node.properties['dataAnchor'];
      delete node.properties['dataAnchorKind'];
      delete node.properties['dataTitle'];
    });
    file.data.anchors = anchors;
    const prefix = file.data.idPrefix;
    if (prefix) for (const citation of file.data.citations ?? []) citation.id = `${prefix}${idSeparator}${citation.id}`;
  };
}
