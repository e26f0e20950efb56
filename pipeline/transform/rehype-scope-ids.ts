/**
 * Prefix every id in a file, and the in-file links to them, with `file.data.idPrefix`.
 */
import type { Root } from 'hast';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';

/** Separator between a file's prefix and its own ids. */
export const idSeparator = '--';

/**
 * Chapters and cases share one print document, so ids must be unique across the book:
 * `connectivity` in chapter `digital-infrastructure` becomes `digital-infrastructure--connectivity`.
 *
 * @returns Transformer.
 */
export function rehypeScopeIds() {
  return (tree: Root, file: VFile): undefined => {
    const prefix = file.data.idPrefix;
    if (!prefix) return;
    const scoped = (id: string) => `${prefix}${idSeparator}${id}`;
    const ids = new Set<string>();
    walk(tree, 'element', (node) => {
      const id = node.properties['id'];
      if (typeof id === 'string' && id !== '') {
        ids.add(id);
        node.properties['id'] = scoped(id);
      }
    });
    walk(tree, 'element', (node) => {
      const href = node.properties['href'];
      if (typeof href === 'string' && href.startsWith('#') && ids.has(decodeURIComponent(href.slice(1)))) {
        node.properties['href'] = `#${scoped(decodeURIComponent(href.slice(1)))}`;
      }
      // An inline drawing's references to its own parts: `clip-path="url(#clip1)"`.
      for (const [name, value] of Object.entries(node.properties))
        if (typeof value === 'string' && value.includes('url(#'))
          node.properties[name] = value.replace(/url\(#([^)]+)\)/g, (whole, id: string) =>
            ids.has(id) ? `url(#${scoped(id)})` : whole,
          );
      const describedBy = node.properties['ariaDescribedBy'];
      if (Array.isArray(describedBy)) {
        node.properties['ariaDescribedBy'] = describedBy.map((id) => (ids.has(String(id)) ? scoped(String(id)) : id));
      }
    });
  };
}
