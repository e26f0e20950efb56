/**
 * A site page's body → an EPUB content document's: formulas as MathML alone (KaTeX's HTML
 * rendering needs its fonts and styles, a reading system reads MathML), a chart's data table
 * shown under it as its long description, footnotes as EPUB footnotes, links to pages the book
 * has as links between its documents, and ids that XML accepts.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/** What a content document holds, for its manifest entry. */
export interface ContentFacts {
  mathml: boolean;
  svg: boolean;
}

/** Attributes whose value names ids of the same document. */
const idReferences = ['ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaDetails', 'htmlFor', 'headers'];

/** Attributes of the web (lazy loading) that EPUB's HTML does not have. */
const webOnly = ['loading', 'decoding', 'fetchPriority'];

/** A character an XML name may not hold anywhere. */
const notNameCharacter = /[^\p{L}\p{M}\p{N}_.-]/gu;

/**
 * An id XML accepts (an NCName: a letter or `_` first, no colon), the same for the same id in
 * every document, so that links between documents keep their targets.
 *
 * @param id An id of the site.
 * @returns It, or `_` and it with other characters as `_`.
 */
export function xmlId(id: string): string {
  const cleaned = id.replace(notNameCharacter, '_');
  return cleaned === id && /^[\p{L}_]/u.test(id) ? id : `_${cleaned}`;
}

const hasClass = (node: Element, name: string) => {
  const value = node.properties['className'];
  return Array.isArray(value) && value.includes(name);
};

function findElement(node: Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * Make a page's tree a content document's, in place.
 *
 * @param tree The page, parsed.
 * @param link A link of the page (an `href` not within it) → its link in the book, `null` when
 *   the book does not hold its target (the link's text stays).
 * @returns What the document holds.
 */
export function epubContent(tree: Root, link: (href: string) => string | null): ContentFacts {
  const facts: ContentFacts = { mathml: false, svg: false };
  visit(tree, 'element', (node, index, parent) => {
    if (parent === undefined || index === undefined) return;
    const replace = (nodes: ElementContent[]): [typeof SKIP, number] => {
      parent.children.splice(index, 1, ...nodes);
      return [SKIP, index];
    };
    if (['script', 'noscript', 'form', 'button', 'input'].includes(node.tagName)) return replace([]);
    if (node.tagName === 'span' && (hasClass(node, 'katex-display') || hasClass(node, 'katex'))) {
      const math = findElement(node, (element) => element.tagName === 'math');
      if (!math) return replace([]);
      if (hasClass(node, 'katex-display')) math.properties['display'] = 'block';
      const tex = findElement(math, (element) => element.tagName === 'annotation');
      if (tex) math.properties['alttext'] = toString(tex);
      facts.mathml = true;
      return replace([math]);
    }
    if (node.tagName === 'svg') facts.svg = true;
    if (node.tagName === 'details') {
      // A chart's data: a reading system may not open `<details>`; shown, the table is the
      // chart's long description.
      node.tagName = 'div';
      for (const child of node.children)
        if (child.type === 'element' && child.tagName === 'summary') {
          child.tagName = 'p';
          child.properties['className'] = ['chart-data-label'];
        }
    }
    if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) footnotes(node);
    if (node.tagName === 'a') {
      if (node.properties['dataFootnoteRef'] !== undefined) {
        node.properties['epub:type'] = 'noteref';
        node.properties['role'] = 'doc-noteref';
      }
      if (node.properties['dataFootnoteBackref'] !== undefined) node.properties['role'] = 'doc-backlink';
      const href = node.properties['href'];
      if (typeof href === 'string') {
        if (href.startsWith('#')) node.properties['href'] = `#${xmlId(href.slice(1))}`;
        else if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) {
          const target = link(href);
          if (target === null) return replace(node.children);
          node.properties['href'] = target;
        }
      }
    }
    for (const name of webOnly) delete node.properties[name];
    const id = node.properties['id'];
    if (typeof id === 'string') node.properties['id'] = xmlId(id);
    for (const name of idReferences) {
      const value = node.properties[name];
      if (Array.isArray(value)) node.properties[name] = value.map((item) => xmlId(String(item)));
      else if (typeof value === 'string') node.properties[name] = value.split(/\s+/).map(xmlId).join(' ');
    }
    return undefined;
  });
  return facts;
}

/**
 * A page's notes as EPUB footnotes: each list item an `aside` a reading system can show where its
 * reference is, numbered as the list numbered it.
 */
function footnotes(section: Element): void {
  section.children = section.children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element' || child.tagName !== 'ol') return [child];
    const start = Number(child.properties['start'] ?? 1);
    const items = child.children.filter((item): item is Element => item.type === 'element' && item.tagName === 'li');
    return items.map((item, index) => {
      const number: ElementContent = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['note-number'] },
        children: [{ type: 'text', value: `${start + index}. ` }],
      };
      const [first] = item.children.filter((node) => node.type === 'element');
      if (first?.type === 'element' && first.tagName === 'p') first.children.unshift(number);
      else
        item.children.unshift({
          type: 'element',
          tagName: 'p',
          properties: {},
          children: [number],
        });
      return {
        type: 'element',
        tagName: 'aside',
        properties: { id: item.properties['id'], 'epub:type': 'footnote', role: 'doc-footnote' },
        children: item.children,
      };
    });
  });
}
