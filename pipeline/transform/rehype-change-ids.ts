/**
 * Give every changed block an id and list them in `file.data.changes`, for the Changes page.
 */
import type { Root } from 'hast';
import { plainText } from './plain-text.js';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { idSeparator } from './rehype-scope-ids.js';

/**
 * Runs after ids are scoped: a changed heading keeps its id, other blocks get
 * `<prefix>--change-N`.
 *
 * @returns Transformer.
 */
export function rehypeChangeIds() {
  return (tree: Root, file: VFile): undefined => {
    if (file.data.previous === undefined) return;
    const changes: NonNullable<VFile['data']['changes']> = [];
    walk(tree, 'element', (node) => {
      const kind = node.properties['dataChange'];
      if (kind !== 'added' && kind !== 'changed') return;
      if (typeof node.properties['id'] !== 'string')
        node.properties['id'] = `${file.data.idPrefix ?? 'doc'}${idSeparator}change-${changes.length + 1}`;
      const text = plainText(node);
      changes.push({
        id: String(node.properties['id']),
        kind,
        excerpt: text.length > 120 ? `${text.slice(0, 119)}…` : text,
      });
    });
    file.data.changes = changes;
  };
}
