/**
 * A title in front matter is inline Markdown to its author ("The `fetch` API", "*Homo sapiens*"):
 * its text is the title wherever only text goes (running heads, bookmarks, the page's `<title>`,
 * the search, sorting), its HTML (code, emphasis, strong, deleted) in headings and the contents.
 * Links, images and raw HTML in a title are text: a title is never a link or a tag.
 */
import type { PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { escapeHtml } from '../shared/escape-html.js';

/** A title as text and as HTML. */
export interface Title {
  text: string;
  html: string;
}

const parser = unified().use(remarkParse);

/** Characters that make a title Markdown; a title without them is its own text. */
const markup = /[`*_~\\&<[]/;

/**
 * @param markdown The title as written.
 * @returns Its text and its HTML (escaped; only code, emphasis, strong and deleted text as tags).
 */
export function inlineTitle(markdown: string): Title {
  if (!markup.test(markdown)) return { text: markdown, html: escapeHtml(markdown) };
  const tree = parser.parse(markdown);
  const [block] = tree.children;
  // Only a paragraph is inline: a title such as `# x` or `- x` is its own text.
  if (tree.children.length !== 1 || block?.type !== 'paragraph') return { text: markdown, html: escapeHtml(markdown) };
  return { text: toString(block), html: block.children.map(html).join('') };
}

function html(node: PhrasingContent): string {
  switch (node.type) {
    case 'inlineCode':
      return `<code>${escapeHtml(node.value)}</code>`;
    case 'emphasis':
      return `<em>${node.children.map(html).join('')}</em>`;
    case 'strong':
      return `<strong>${node.children.map(html).join('')}</strong>`;
    case 'delete':
      return `<del>${node.children.map(html).join('')}</del>`;
    case 'break':
      return ' ';
    default:
      return escapeHtml(toString(node));
  }
}
