/**
 * Give every heading an id derived from its text, unique in the file, the way GitHub does.
 */
import GithubSlugger from 'github-slugger';
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { walk } from '../shared/walk.js';

/**
 * Headings get GitHub's ids: lowercase, punctuation dropped, spaces as hyphens, letters of
 * every script kept (`## 公司的法律团队需要知道什么` → `公司的法律团队需要知道什么`), so that links
 * written for GitHub or a translator's in-page links resolve. Chromium writes such ids as PDF
 * destinations percent-encoded (`pdf-finish` decodes them). A heading with no letter or digit
 * at all gets `section`, `section-1`, ….
 *
 * @returns Transformer.
 */
export function rehypeHeadingIds() {
  return (tree: Root): undefined => {
    const slugger = new GithubSlugger();
    walk(tree, 'element', (node) => {
      if (headingRank(node) === undefined || node.properties['id']) return;
      const text = toString(node);
      const id = slugger.slug(text);
      node.properties['id'] = id.replace(/-/g, '') === '' ? slugger.slug('section') : id;
    });
  };
}
