/**
 * Turn a trailing `{#sec:label}` in a heading into its id and a cross-reference target.
 */
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { visit } from 'unist-util-visit';

/** `## Energy use {#sec:energy}`: the label, at the end of the heading's last text. */
const labelPattern = /\s*\{#(sec:[A-Za-z0-9_-]+)\}\s*$/;

/**
 * Runs before heading ids are made, so the label wins: `{#sec:energy}` gives the id
 * `sec-energy` and lets text refer to the heading with `@sec:energy`.
 *
 * @returns Transformer.
 */
export function rehypeSectionLabels() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node) => {
      if (headingRank(node) === undefined) return;
      const last = node.children.at(-1);
      if (last?.type !== 'text') return;
      const match = labelPattern.exec(last.value);
      if (!match?.[1]) return;
      last.value = last.value.slice(0, match.index);
      node.properties['id'] = match[1].replace(':', '-');
      node.properties['dataAnchor'] = match[1];
    });
  };
}
