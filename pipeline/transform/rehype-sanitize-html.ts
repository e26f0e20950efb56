/**
 * Reduce raw HTML to a safe subset, warning at each element, attribute or URL removed.
 */
import type { Element, Properties, Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { warn } from '../message.js';

/**
 * GitHub's schema, stricter: elements holding code are removed with their content, no `name`
 * (it clobbers globals), no `srcset`, `<picture>`,
 * `<source>` or `longdesc` (more URLs for a browser to fetch), and no clobber prefix, because
 * `rehypeScopeIds` prefixes every id of a file afterwards.
 */
export const schema: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  // Removed with their content: what is inside them is code or markup, not prose.
  strip: ['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'xmp'],
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => !['picture', 'source'].includes(name)),
  attributes: Object.fromEntries(
    Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
      tag,
      [
        ...list.filter((entry) => !['name', 'srcSet', 'longDesc'].includes(Array.isArray(entry) ? String(entry[0]) : String(entry))),
        // The `--since` marks of remark-change-marks.
        ...(tag === '*' ? [['dataChange', 'added', 'changed'] as [string, ...string[]]] : []),
      ],
    ]),
  ),
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
};

/**
 * Raw HTML is parsed (by rehype-raw) and then limited to `schema`; what goes is reported as a
 * warning at its position, so the author knows why it is missing. A file without raw HTML holds
 * only what mdast-util-to-hast made, so only its link and image URLs are checked. Files with
 * `data.trusted` (chapters, when `trustChapters` is set) are left alone.
 *
 * @returns Transformer.
 */
export function rehypeSanitizeHtml() {
  const tags = new Set(schema.tagNames);
  const allowed = (tag: string, property: string) =>
    [...(schema.attributes?.[tag] ?? []), ...(schema.attributes?.['*'] ?? [])].some((entry) => (Array.isArray(entry) ? entry[0] : entry) === property);
  return (tree: Root, file: VFile): Root | undefined => {
    if (file.data.trusted) return undefined;
    visit(tree, 'element', (node: Element) => {
      // Without raw HTML the tree is mdast-util-to-hast's own: only URLs need checking.
      if (!file.data.raw) {
        for (const property of ['href', 'src'] as const) {
          const value = node.properties[property];
          if (typeof value === 'string' && !safeUrl(value, schema.protocols?.[property] ?? [])) {
            warn(file, `Unexpected URL \`${value.slice(0, 60)}\` in \`${property}\`, removed`, node.position, 'html-removed');
            delete node.properties[property];
          }
        }
        return;
      }
      if (!tags.has(node.tagName)) {
        warn(file, `Unexpected element \`<${node.tagName}>\`, removed: raw HTML is limited to a safe subset`, node.position, 'html-removed');
        return;
      }
      for (const [property, value] of Object.entries(node.properties as Properties)) {
        if (!allowed(node.tagName, property)) {
          warn(file, `Unexpected attribute \`${find(html, property).attribute}\` on \`<${node.tagName}>\`, removed`, node.position, 'html-removed');
        } else if ((property === 'href' || property === 'src') && typeof value === 'string' && !safeUrl(value, schema.protocols?.[property] ?? [])) {
          warn(file, `Unexpected URL \`${value.slice(0, 60)}\` in \`${find(html, property).attribute}\`, removed`, node.position, 'html-removed');
        }
      }
    });
    return file.data.raw ? (sanitize(tree, schema) as Root) : undefined;
  };
}

function safeUrl(url: string, protocols: readonly string[]): boolean {
  const colon = url.indexOf(':');
  const relative = colon === -1 || /[/?#]/.test(url.slice(0, colon));
  return relative || protocols.includes(url.slice(0, colon).toLowerCase());
}
