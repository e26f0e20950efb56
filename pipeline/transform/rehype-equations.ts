/**
 * A display formula followed by a paragraph holding only `{#eq:label}` is a numbered equation:
 * `@eq:label` refers to it ("Equation 2.3"), and its number stands beside it ("(2.3)").
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';

const equationLabel = /^\s*\{#(eq:[A-Za-z0-9_-]+)\}\s*$/;

/** Whether a node is a display formula as remark-rehype writes one: `<pre><code class="language-math">`. */
function isDisplayMath(node: ElementContent | undefined): node is Element {
  if (node?.type !== 'element' || node.tagName !== 'pre') return false;
  const [code] = node.children;
  const classes = code?.type === 'element' ? code.properties['className'] : undefined;
  return Array.isArray(classes) && classes.includes('language-math');
}

/**
 * Runs before `rehype-katex`, after `rehype-figures`: wraps each labelled display formula in
 * `<div class="equation">` with its anchor, and a placeholder for its number.
 *
 * @returns Transformer.
 */
export function rehypeEquations() {
  return (tree: Root): undefined => {
    const children = tree.children as ElementContent[];
    for (let index = 0; index < children.length; index++) {
      const node = children[index];
      if (!isDisplayMath(node)) continue;
      let next = index + 1;
      while (children[next]?.type === 'text' && toString(children[next] as ElementContent).trim() === '') next++;
      const paragraph = children[next];
      const key =
        paragraph?.type === 'element' && paragraph.tagName === 'p'
          ? equationLabel.exec(toString(paragraph))?.[1]
          : undefined;
      if (!key) continue;
      children.splice(index, next - index + 1, {
        type: 'element',
        tagName: 'div',
        properties: {
          className: ['equation'],
          id: key.replace(':', '-'),
          dataAnchor: key,
          dataAnchorKind: 'equation',
          dataTitle: '',
        },
        children: [
          node,
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['equation-number'], dataNumberOf: key },
            children: [],
          },
        ],
        ...(node.position ? { position: node.position } : {}),
      });
    }
  };
}
