/**
 * Find cross-references (`@fig:x`) and citations (`[@key, p. 3]`, `@key`) in the text.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import type { Position } from 'unist';
import { SKIP, walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { citationToken, escapedAt, parseCitation, xrefPattern } from './citation-syntax.js';
import type { Citation } from '../model/types.js';

/** Options of `rehypeCite`. */
export interface Options {
  /** Keys of the bibliography: a bare `@key` is a citation only when the key is one of these. */
  keys?: ReadonlySet<string>;
}

/**
 * Replaces each `@fig:x`, `@tbl:x`, `@sec:x` with `<a data-xref>` and each citation with
 * `<cite data-citation>`; render writes their text once numbers and the citation style are known.
 * Code, links and existing citations are left alone. Positions are kept for messages.
 *
 * @param options Bibliography keys.
 * @returns Transformer.
 */
export function rehypeCite(options: Options = {}) {
  const keys = options.keys ?? new Set<string>();
  return (tree: Root, file: VFile): undefined => {
    const refs = (file.data.refs = [] as NonNullable<VFile['data']['refs']>);
    const citations: Citation[] = (file.data.citations = []);
    walk(tree, (node, index, parent) => {
      if (node.type === 'element' && ['code', 'pre', 'a', 'cite', 'script', 'style'].includes(node.tagName))
        return SKIP;
      if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('@')) return undefined;
      const replacement: ElementContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(citationToken)) {
        const [whole, bracketed, bare] = match;
        const start = match.index;
        let element: Element | undefined;
        const position = placeOf(node, start, whole.length);
        if (bracketed) {
          const items = parseCitation(bracketed);
          if (!items) continue;
          const [first] = items;
          if (items.length === 1 && first && xrefPattern.test(first.id) && !first.locator) {
            refs.push({ key: first.id, position });
            element = xrefElement(first.id, whole);
          } else {
            const id = `cite-${citations.length + 1}`;
            citations.push({ id, items, mode: 'parenthetical', position });
            element = citeElement(id, whole, first?.id ?? '');
          }
        } else if (bare && xrefPattern.test(bare)) {
          refs.push({ key: bare, position });
          element = xrefElement(bare, whole);
        } else if (bare && keys.has(bare)) {
          const id = `cite-${citations.length + 1}`;
          citations.push({ id, items: [{ id: bare }], mode: 'narrative', position });
          element = citeElement(id, whole, bare);
        }
        if (!element) continue;
        if (start > last) replacement.push({ type: 'text', value: node.value.slice(last, start) });
        if (position) element.position = position;
        replacement.push(element);
        last = start + whole.length;
      }
      if (replacement.length === 0) return undefined;
      if (last < node.value.length) replacement.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(replacement as typeof parent.children));
      return [SKIP, index + replacement.length];
    });
    // An escaped `\@` has done its work: it started no citation, and prints as `@`.
    walk(tree, (node) => {
      if (node.type === 'text' && node.value.includes(escapedAt)) node.value = node.value.replaceAll(escapedAt, '');
      if (node.type !== 'element') return;
      for (const [name, value] of Object.entries(node.properties)) {
        if (typeof value === 'string' && value.includes(escapedAt))
          node.properties[name] = value.replaceAll(escapedAt, '');
      }
    });
  };
}

function xrefElement(key: string, text: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['xref'], href: '#', dataXref: key },
    children: [{ type: 'text', value: text }],
  };
}

function citeElement(id: string, text: string, key: string): Element {
  return {
    type: 'element',
    tagName: 'cite',
    properties: { id, className: ['citation'], dataKey: key },
    children: [{ type: 'text', value: text }],
  };
}

/** The source range of a match inside a text node, when the text maps one to one to the source. */
function placeOf(node: Text, start: number, length: number): Position | undefined {
  const begin = node.position?.start;
  if (!begin || begin.offset === undefined) return undefined;
  // Text of one line maps column for column; a multi-line node is located at its line start.
  const before = node.value.slice(0, start);
  const lines = before.split('\n');
  const line = begin.line + lines.length - 1;
  const column = lines.length === 1 ? begin.column + start : (lines.at(-1)?.length ?? 0) + 1;
  return { start: { line, column }, end: { line, column: column + length } };
}
