/**
 * Turn a trailing `{#sec:label}` in a heading into its id and a cross-reference target.
 */
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { walk } from '../shared/walk.js';
import { trailingLabel } from './trailing-label.js';

/**
 * Runs before heading ids are made, so the label wins: `{#sec:energy}` gives the id
 * `sec-energy` and lets text refer to the heading with `@sec:energy`.
 *
 * @returns Transformer.
 */
export function rehypeSectionLabels() {
  return (tree: Root): undefined => {
    walk(tree, 'element', (node) => {
      if (headingRank(node) === undefined) return;
      const last = node.children.at(-1);
      if (last?.type !== 'text') return;
      // `## Energy use {#sec:energy}`: the label, at the end of the heading's last text.
      const found = trailingLabel(last.value, 'sec');
      if (!found) return;
      last.value = last.value.slice(0, found.index);
      node.properties['id'] = found.label.replace(':', '-');
      node.properties['dataAnchor'] = found.label;
    });
  };
}
