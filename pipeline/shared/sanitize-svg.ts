/**
 * An SVG file's text → the same drawing without anything active: no script, no event handler, no
 * link or style that reaches outside the file. What the site publishes of an SVG image.
 */
import type { Element, Properties } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { find, svg as svgSchema } from 'property-information';
import { SKIP, walk } from './walk.js';

/** Elements a drawing needs. Anything else (`script`, `foreignObject`, `image`, `a`, `iframe`, animation) goes. */
const elements = new Set(
  `svg g defs title desc metadata symbol use path rect circle ellipse line polyline polygon text tspan textPath
  linearGradient radialGradient stop clipPath mask pattern marker filter feBlend feColorMatrix feComponentTransfer
  feComposite feFlood feGaussianBlur feMerge feMergeNode feMorphology feOffset feFuncA feFuncB feFuncG feFuncR style`.split(
    /\s+/,
  ),
);

/** Attributes that may hold a URL: only a reference inside the file (`#id`) is kept. */
const urlAttributes = new Set(['href', 'xLinkHref']);

/** CSS that reaches outside the file: `@import`, and `url()` of anything but `#id`. */
const outsideCss = /@import[^;]*;?|url\((?!\s*['"]?#)[^)]*\)/gi;
/** The same test without the global flag's state. */
const reachesOut = /@import|url\((?!\s*['"]?#)/i;

/** The sanitised drawing, and what was taken out of it. */
export interface SanitizedSvg {
  svg: string;
  /** What was removed, for a message: `<script>`, `onload`, `href` … */
  removed: string[];
}

/**
 * Sanitise an SVG. It is parsed as HTML's parser reads SVG (so broken markup cannot hide a
 * script), limited to drawing elements and their presentation attributes, and written back as
 * standalone SVG.
 *
 * @param text The file's text.
 * @returns The drawing and what was removed.
 */
export function sanitizeSvg(text: string): SanitizedSvg {
  const tree = fromHtml(text, { fragment: true, space: 'svg' });
  const removed = new Set<string>();
  walk(tree, (node, index, parent) => {
    if (node.type === 'comment' || node.type === 'doctype') {
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      return undefined;
    }
    if (node.type !== 'element') return undefined;
    if (!elements.has(node.tagName)) {
      removed.add(`<${node.tagName}>`);
      if (parent && index !== undefined) {
        // A link's drawing stays, without the link; anything else goes with its content.
        parent.children.splice(index, 1, ...(node.tagName === 'a' ? node.children : []));
        return index;
      }
      return SKIP;
    }
    cleanProperties(node, removed);
    if (node.tagName === 'style') {
      for (const child of node.children) {
        if (child.type === 'text' && reachesOut.test(child.value)) {
          removed.add('url() in <style>');
          child.value = child.value.replace(outsideCss, '');
        }
      }
    }
    return undefined;
  });
  const root = tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg');
  if (!root)
    return {
      svg: '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
      removed: [...removed, 'everything: no <svg> element'],
    };
  root.properties['xmlns'] = 'http://www.w3.org/2000/svg';
  const svg = toHtml(root, {
    space: 'svg',
    closeSelfClosing: true,
    closeEmptyElements: true,
    characterReferences: { useNamedReferences: false },
  });
  return { svg: `${svg}\n`, removed: [...removed] };
}

function cleanProperties(node: Element, removed: Set<string>): void {
  const properties: Properties = {};
  for (const [name, value] of Object.entries(node.properties)) {
    const attribute = find(svgSchema, name).attribute;
    if (/^on/i.test(name)) {
      removed.add(attribute);
      continue;
    }
    if (urlAttributes.has(name)) {
      if (typeof value === 'string' && value.trim().startsWith('#')) properties[name] = value;
      else removed.add(attribute);
      continue;
    }
    if (typeof value === 'string' && reachesOut.test(value)) {
      removed.add(`url() in ${attribute}`);
      properties[name] = value.replace(outsideCss, '');
      continue;
    }
    properties[name] = value;
  }
  node.properties = properties;
}
