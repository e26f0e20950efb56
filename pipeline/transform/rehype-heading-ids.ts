/**
 * Give every heading an ASCII id derived from its text, unique in the file.
 */
import GithubSlugger, { slug } from 'github-slugger';
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * Headings get ids that are valid PDF destination names: lowercase ASCII letters, digits and
 * hyphens. A heading without such characters (Chinese, say) gets `section`, `section-1`, ….
 *
 * @returns Transformer.
 */
export function rehypeHeadingIds() {
  return (tree: Root): undefined => {
    const slugger = new GithubSlugger();
    visit(tree, 'element', (node) => {
      if (headingRank(node) === undefined || node.properties['id']) return;
      const ascii = slug(toString(node).normalize('NFKD'))
        .replace(/[^a-z0-9-]+/g, '')
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, '');
      node.properties['id'] = slugger.slug(ascii === '' ? 'section' : ascii);
    });
  };
}
