/**
 * Replace the obsolete `align` attribute of GFM table cells with a class.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * GFM writes `<td align="right">`; HTML5 has no `align`, and the preview's Content-Security-Policy
 * allows no inline styles, so alignment becomes `class="align-right"` (styled in the CSS).
 *
 * @returns Transformer.
 */
export function rehypeTableAlign() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node) => {
      const align = node.properties['align'];
      if ((node.tagName !== 'td' && node.tagName !== 'th') || typeof align !== 'string') return;
      delete node.properties['align'];
      const classes = Array.isArray(node.properties['className']) ? node.properties['className'] : [];
      node.properties['className'] = [...classes, `align-${align}`];
    });
  };
}
