/**
 * The text of a piece of HTML as a reader would quote it: a typeset formula counts once, as its
 * TeX source, not as its MathML, its TeX annotation and its HTML rendering one after another.
 */
import type { Element, Nodes } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * @param node A body or one of its elements.
 * @returns Its text, white space folded.
 */
export function plainText(node: Nodes): string {
  return textOf(node).replace(/\s+/g, ' ').trim();
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  if (node.type === 'element' && isFormula(node)) {
    const annotation = findAnnotation(node);
    return annotation ? toString(annotation) : toString(node);
  }
  return node.children.map((child) => textOf(child)).join('');
}

function isFormula(node: Element): boolean {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes('katex');
}

function findAnnotation(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'annotation') return child;
    const found = findAnnotation(child);
    if (found) return found;
  }
  return undefined;
}
