/**
 * Replace the obsolete `align` attribute of GFM table cells with a class, and line numbers up on
 * their decimal point.
 */
import type { Element, ElementContent, Root } from 'hast';
import { walk } from '../shared/walk.js';

/** A number as tables write it: sign, currency, thousands, decimals, unit (`-1,234.5`, `US$ 3.25`, `2.8%`). */
const numeric =
  /^([−+-]?(?:[A-Z]{0,2}[$€£¥])?\s?\d{1,3}(?:[,\u202f\u00a0]?\d{3})*)(\.\d+)?(\s?(?:%|‰|[a-zA-Z]{1,3})?)$/;

/** Widest fraction aligned (decimal point, digits and unit, in characters). */
const widest = 6;

/**
 * GFM writes `<td align="right">`; HTML5 has no `align`, and the preview's Content-Security-Policy
 * allows no inline styles, so alignment becomes `class="align-right"` (styled in the CSS).
 *
 * A column whose body cells are all plain numbers with fractions of different lengths (`12.5`,
 * `3`, `0.25`) is aligned on the decimal point: each cell's fraction goes into a
 * `<span class="decimal-N">` of the column's widest fraction (N characters, with the unit), left-aligned
 * in a right-aligned cell, so that the points stand one above the other. Columns whose fractions
 * are all as long already line up when right-aligned, and are left alone.
 *
 * @returns Transformer.
 */
export function rehypeTableAlign() {
  return (tree: Root): undefined => {
    walk(tree, 'element', (node) => {
      if (node.tagName === 'table') alignDecimals(node);
      const align = node.properties['align'];
      if ((node.tagName !== 'td' && node.tagName !== 'th') || typeof align !== 'string') return;
      delete node.properties['align'];
      const classes = Array.isArray(node.properties['className']) ? node.properties['className'] : [];
      node.properties['className'] = [...classes, `align-${align}`];
    });
  };
}

function alignDecimals(table: Element): void {
  const body = table.children.find((child): child is Element => child.type === 'element' && child.tagName === 'tbody');
  if (!body) return;
  const rows = body.children.filter((row): row is Element => row.type === 'element' && row.tagName === 'tr');
  const cells = rows.map((row) =>
    row.children.filter((cell): cell is Element => cell.type === 'element' && cell.tagName === 'td'),
  );
  const columns = Math.max(0, ...cells.map((row) => row.length));
  for (let column = 0; column < columns; column++) {
    const parts = cells.map((row) => {
      const cell = row[column];
      const only = cell?.children.length === 1 ? cell.children[0] : undefined;
      return { cell, match: only?.type === 'text' ? numeric.exec(only.value.trim()) : null };
    });
    const filled = parts.filter(({ cell }) => cell && cell.children.length > 0);
    if (filled.length < 2 || filled.some(({ match }) => !match)) continue;
    const fraction = (match: RegExpExecArray) => (match[2] ?? '') + (match[3] ?? '');
    const widths = new Set(filled.map(({ match }) => fraction(match as RegExpExecArray).length));
    const width = Math.max(...widths);
    if (widths.size < 2 || width > widest) continue;
    for (const { cell, match } of filled) {
      if (!cell || !match) continue;
      const classes = Array.isArray(cell.properties['className']) ? cell.properties['className'] : [];
      cell.properties['className'] = [...classes.filter((name) => !String(name).startsWith('align-')), 'align-decimal'];
      delete cell.properties['align'];
      const children: ElementContent[] = [{ type: 'text', value: match[1] ?? '' }];
      children.push({
        type: 'element',
        tagName: 'span',
        properties: { className: [`decimal-${width}`] },
        children: fraction(match) ? [{ type: 'text', value: fraction(match) }] : [],
      });
      cell.children = children;
    }
  }
}
