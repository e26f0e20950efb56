/**
 * Give every heading an ASCII id derived from its text, unique in the file.
 */
import GithubSlugger from 'github-slugger';
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
      const ascii = slugger
        .slug(toString(node))
        .replace(/[^a-z0-9-]+/g, '')
        .replace(/^-+|-+$/g, '');
      node.properties['id'] = ascii === '' ? slugger.slug('section') : slugger.slug(ascii);
    });
  };
}
