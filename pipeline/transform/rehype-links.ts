/**
 * Find links to other files of the book, and check links within the file.
 */
import { posix } from 'node:path';
import type { Root } from 'hast';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { warn } from '../model/message.js';
import type { Link } from '../model/types.js';

/**
 * Runs after ids are scoped. A relative link (`02-ethics.md`, `../ethics/`,
 * `02-ethics.md#a-heading`) becomes a `data-link` placeholder recorded in `file.data.links`, with
 * its path resolved against the file's folder; assemble finds the page it leads to and render
 * writes the URL each output needs, so that no output links to a source file or to a path of
 * the build machine. A link to `#id` that no element of the file has is a `link-unresolved`
 * warning and loses its `href`. Every element id is recorded in `file.data.ids`, and the headings' in `file.data.headings`.
 *
 * @returns Transformer.
 */
export function rehypeLinks() {
  return (tree: Root, file: VFile): undefined => {
    const ids = new Set<string>();
    const headings: string[] = [];
    walk(tree, 'element', (node) => {
      const id = node.properties['id'];
      if (typeof id !== 'string' || id === '') return;
      ids.add(id);
      if (/^h[1-6]$/.test(node.tagName)) headings.push(id);
    });
    const links: Link[] = [];
    const folder = posix.dirname((file.path || '').split('\\').join('/'));
    walk(tree, 'element', (node) => {
      const href = node.properties['href'];
      if (node.tagName !== 'a' || typeof href !== 'string' || href === '' || href === '#') return;
      if (href.startsWith('#')) {
        if (!ids.has(decode(href.slice(1)))) {
          warn(
            file,
            `Unexpected link to \`${href}\`, expected the id of a heading or element in this file`,
            node.position,
            'link-unresolved',
          );
          delete node.properties['href'];
        }
        return;
      }
      // Anything with a scheme (`https:`, `mailto:`) or a host (`//host/`) leaves the book.
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return;
      const [pathPart = '', ...rest] = href.split('#');
      const path = decode(pathPart.split('?')[0] ?? '');
      const key = `${file.data.idPrefix ?? ''}:${links.length + 1}`;
      links.push({
        key,
        path: path.startsWith('/') ? posix.normalize(path.slice(1)) : posix.normalize(posix.join(folder, path)),
        fragment: decode(rest.join('#')),
        href,
        position: node.position,
      });
      delete node.properties['href'];
      node.properties['dataLink'] = key;
    });
    file.data.links = links;
    file.data.ids = [...ids];
    file.data.headings = headings;
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
