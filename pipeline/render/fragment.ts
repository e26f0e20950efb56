/**
 * A transformed body (hast) → HTML for one output, with its URLs rebased for that output.
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';

/**
 * Serialize a body. The transform stage writes asset URLs relative to the site root
 * (`assets/…`); each output says where that root is from the page (`../`, `../site/`).
 *
 * @param tree Body from the transform stage; not changed.
 * @param assetBase Prefix that turns `assets/…` into a URL valid from the page.
 * @returns HTML.
 */
export function fragmentHtml(tree: Root, assetBase: string): string {
  const copy = structuredClone(tree);
  visit(copy, 'element', (node) => {
    const src = node.properties['src'];
    if (typeof src === 'string' && src.startsWith('assets/')) node.properties['src'] = assetBase + src;
  });
  return toHtml(copy);
}
