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
    label(tree.children as ElementContent[]);
  };
}

/**
 * Wrap the labelled formulas among some siblings, then among each one's children: a formula in a
 * list item, a quotation or an aside is numbered as one at the top level is.
 */
function label(children: ElementContent[]): void {
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node?.type !== 'element') continue;
    if (!isDisplayMath(node)) {
      label((node as Element).children);
      continue;
    }
    let next = index + 1;
    while (children[next]?.type === 'text' && toString(children[next] as ElementContent).trim() === '') next++;
    const paragraph = children[next];
    // In a tight list item the label is text, not a paragraph.
    const key =
      (paragraph?.type === 'element' && paragraph.tagName === 'p') || paragraph?.type === 'text'
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
}
