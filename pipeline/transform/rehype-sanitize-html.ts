/**
 * Reduce raw HTML to a safe subset, warning at each element, attribute or URL removed.
 */
import type { Element, Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import { SKIP, walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { warn } from '../model/message.js';

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
  strip: [
    'script',
    'style',
    'template',
    'noscript',
    'noembed',
    'noframes',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'textarea',
    'select',
    'xmp',
  ],
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => !['picture', 'source'].includes(name)), 'aside'],
  attributes: Object.fromEntries(
    Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
      tag,
      [
        ...list.filter(
          (entry) => !['name', 'srcSet', 'longDesc'].includes(Array.isArray(entry) ? String(entry[0]) : String(entry)),
        ),
        // The `--since` marks of remark-change-marks.
        ...(tag === '*' ? [['dataChange', 'added', 'changed'] as [string, ...string[]]] : []),
      ],
    ]),
  ),
  // `cite` (on `blockquote`, `q`, `del`, `ins`) is a URL too: GitHub's schema limits it, and so must this one.
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
};

/**
 * Raw HTML is parsed (by rehype-raw) and then limited to `schema`. What goes is reported once
 * per block, with what happened to it: an element removed with its content (`<script>`), an
 * element unwrapped with its text kept (`<form>`), an attribute or a URL dropped. A file without
 * raw HTML holds only what mdast-util-to-hast made, so only its link and image URLs are checked.
 * Files with `data.trusted` (chapters, when `trustChapters` is set) are left alone.
 *
 * @returns Transformer.
 */
export function rehypeSanitizeHtml() {
  const tags = new Set(schema.tagNames);
  const stripped = new Set(schema.strip);
  const allowed = (tag: string, property: string) =>
    [...(schema.attributes?.[tag] ?? []), ...(schema.attributes?.['*'] ?? [])].some(
      (entry) => (Array.isArray(entry) ? entry[0] : entry) === property,
    );
  return (tree: Root, file: VFile): Root | undefined => {
    if (file.data.trusted) {
      // Even trusted HTML is part of a page, not a document: `<meta http-equiv=refresh>` would
      // navigate the print away, `<base>` would move every link.
      walk(tree, 'element', (node, index, parent) => {
        if ((node.tagName !== 'meta' && node.tagName !== 'base') || !parent || index === undefined) return undefined;
        warn(
          file,
          `Unexpected \`<${node.tagName}>\` in a chapter, removed: it belongs to a document's head, not to its text`,
          node.position,
          'html-removed',
        );
        parent.children.splice(index, 1);
        return index;
      });
      return undefined;
    }
    if (!file.data.raw) {
      // Without raw HTML the tree is mdast-util-to-hast's own: only URLs need checking.
      walk(tree, 'element', (node: Element) => {
        for (const property of urlProperties) {
          const value = node.properties[property];
          if (typeof value === 'string' && !safeUrl(value, schema.protocols?.[property] ?? [])) {
            warn(
              file,
              `Unexpected URL \`${value.slice(0, 60)}\` in \`${property}\`, removed`,
              node.position,
              'html-removed',
            );
            delete node.properties[property];
          }
        }
      });
      return undefined;
    }
    for (const block of tree.children) {
      if (block.type !== 'element') continue;
      const found = { removed: new Set<string>(), unwrapped: new Set<string>(), dropped: new Set<string>() };
      walk(block, 'element', (node: Element) => {
        if (stripped.has(node.tagName)) {
          found.removed.add(`\`<${node.tagName}>\``);
          return SKIP;
        }
        if (!tags.has(node.tagName))
          (node.children.length > 0 ? found.unwrapped : found.dropped).add(`\`<${node.tagName}>\``);
        for (const [property, value] of Object.entries(node.properties)) {
          const attribute = find(html, property).attribute;
          // Classes style nothing on these pages, and `markdown` was an instruction: dropped quietly.
          if (property === 'className' || property === 'markdown') continue;
          if (tags.has(node.tagName) && !allowed(node.tagName, property))
            found.dropped.add(`\`${attribute}\` on \`<${node.tagName}>\``);
          else if (
            isUrlProperty(property) &&
            typeof value === 'string' &&
            !safeUrl(value, schema.protocols?.[property] ?? [])
          ) {
            found.dropped.add(`the URL \`${value.slice(0, 60)}\` in \`${attribute}\``);
          }
        }
        return undefined;
      });
      const parts = [
        found.removed.size > 0
          ? `removed ${[...found.removed].join(', ')} with ${found.removed.size > 1 ? 'their' : 'its'} content`
          : '',
        found.unwrapped.size > 0
          ? `unwrapped ${[...found.unwrapped].join(', ')}, keeping ${found.unwrapped.size > 1 ? 'their' : 'its'} text`
          : '',
        found.dropped.size > 0 ? `dropped ${[...found.dropped].join(', ')}` : '',
      ].filter(Boolean);
      if (parts.length > 0)
        warn(file, `Unexpected raw HTML outside the safe subset: ${parts.join('; ')}`, block.position, 'html-removed');
    }
    return sanitize(tree, schema) as Root;
  };
}

/** The properties whose value is a URL, each limited to its `schema.protocols`. */
const urlProperties = ['href', 'src', 'cite'] as const;

function isUrlProperty(property: string): property is (typeof urlProperties)[number] {
  return (urlProperties as readonly string[]).includes(property);
}

function safeUrl(url: string, protocols: readonly string[]): boolean {
  const colon = url.indexOf(':');
  const relative = colon === -1 || /[/?#]/.test(url.slice(0, colon));
  return relative || protocols.includes(url.slice(0, colon).toLowerCase());
}
