/**
 * hast → XHTML, the serialisation an EPUB's content documents need: every element closed, every
 * attribute with a value, the three namespaces (XHTML, SVG, MathML) declared where they start,
 * and `epub:` attributes bound to the OPS namespace.
 */
import type { Element, Nodes, Properties } from 'hast';
import { find, html, svg, type Schema } from 'property-information';

const namespaces = {
  html: 'http://www.w3.org/1999/xhtml',
  svg: 'http://www.w3.org/2000/svg',
  math: 'http://www.w3.org/1998/Math/MathML',
  epub: 'http://www.idpf.org/2007/ops',
  xlink: 'http://www.w3.org/1999/xlink',
};

/** Elements of HTML with no content: written as `<br/>`. */
const voids = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** An XML name without a prefix. */
const ncName = /^[\p{L}_][\p{L}\p{M}\p{N}_.-]*$/u;

/** Prefixed attributes the documents may have: each prefix is bound on `html` or `svg`. */
const prefixes = ['epub:', 'xlink:', 'xml:'];

/** Whether an attribute's name can be written: an NCName, or one of the bound prefixes and an NCName. */
function writableAttribute(name: string): boolean {
  const prefix = prefixes.find((start) => name.startsWith(start));
  return ncName.test(prefix ? name.slice(prefix.length) : name);
}

/** Characters XML 1.0 does not allow in a document, not even escaped. */
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;

function escape(text: string, attribute: boolean): string {
  let out = text.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
  return out;
}

/** The attributes of an element as `name="value"` pairs, in the schema of its namespace. */
function attributes(properties: Properties, schema: Schema): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined || value === false) continue;
    const info = find(schema, key);
    // `xmlns` declarations are written from the elements' namespaces instead.
    if (info.attribute === 'xmlns' || info.attribute.startsWith('xmlns:')) continue;
    // A name XML has no place for (`z:w` of an unknown prefix, `a{`) is left out.
    if (!writableAttribute(info.attribute)) continue;
    const text =
      value === true
        ? info.attribute
        : Array.isArray(value)
          ? value.join(info.commaSeparated ? ', ' : ' ')
          : String(value);
    out.push(`${info.attribute}="${escape(text, true)}"`);
  }
  return out;
}

/**
 * Serialise a tree as XHTML.
 *
 * @param tree A document (its `html` element declares the namespaces) or a fragment of one.
 * @returns The XML text, with an XML declaration when `tree` is a root holding `html`.
 */
export function toXhtml(tree: Nodes): string {
  const parts: string[] = [];
  const walk = (node: Nodes, space: 'html' | 'svg' | 'math'): void => {
    switch (node.type) {
      case 'root':
        for (const child of node.children) walk(child, space);
        return;
      case 'text':
        parts.push(escape(node.value, false));
        return;
      case 'element':
        element(node, space);
        return;
      // Comments, doctypes and raw HTML are not written: the layout writes its own doctype.
      default:
        return;
    }
  };
  const element = (node: Element, parent: 'html' | 'svg' | 'math'): void => {
    const name = node.tagName;
    // An element whose name XML has no place for (`x:y`) is left out, its content kept.
    if (!ncName.test(name)) {
      for (const child of node.children) walk(child, parent);
      return;
    }
    const space = name === 'svg' ? 'svg' : name === 'math' ? 'math' : parent;
    const declared: string[] = [];
    if (name === 'html') declared.push(`xmlns="${namespaces.html}"`, `xmlns:epub="${namespaces.epub}"`);
    else if (space !== parent) {
      declared.push(`xmlns="${namespaces[space]}"`);
      if (space === 'svg') declared.push(`xmlns:xlink="${namespaces.xlink}"`);
    }
    const attrs = [...declared, ...attributes(node.properties, space === 'svg' ? svg : html)];
    if (name === 'html' && node.properties['lang'] !== undefined)
      attrs.push(`xml:lang="${escape(String(node.properties['lang']), true)}"`);
    const open = `<${name}${attrs.length > 0 ? ` ${attrs.join(' ')}` : ''}`;
    const children = name === 'template' && 'content' in node ? [] : node.children;
    if (children.length === 0 && (space !== 'html' || voids.has(name))) {
      parts.push(`${open}/>`);
      return;
    }
    parts.push(`${open}>`);
    for (const child of children) walk(child, space);
    parts.push(`</${name}>`);
  };
  walk(tree, 'html');
  const text = parts.join('');
  const isDocument =
    tree.type === 'root' && tree.children.some((child) => child.type === 'element' && child.tagName === 'html');
  return isDocument ? `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${text}\n` : text;
}
