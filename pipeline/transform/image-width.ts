/**
 * An image's width, as authors give it: `style="width: 50%"` (or `max-width`) on raw `<img>`, a
 * `width` attribute, or `{width=50%}` after a Markdown image (Pandoc's and Quarto's attribute).
 * Percentages become a class (`width-50`, in steps of 5, styled in the CSS: the preview's
 * Content-Security-Policy allows no inline style); pixels stay the `width` attribute.
 */
import type { Element } from 'hast';

/** A width in CSS: a percentage of the column, or pixels. */
const percentage = /^(\d{1,3}(?:\.\d+)?)%$/;
const pixels = /^(\d{1,5})(?:px)?$/;

/**
 * Take the width out of an `<img>`'s `style` (before sanitising): it becomes the `width`
 * attribute; what else the style says is left for the sanitiser (which drops it, and says so).
 *
 * @param image An `<img>` element; changed.
 */
export function styleWidth(image: Element): void {
  const style = image.properties['style'];
  if (typeof style !== 'string') return;
  const rest: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (colon === -1 || !name) continue;
    if ((name === 'width' || name === 'max-width') && (percentage.test(value) || pixels.test(value)))
      image.properties['width'] = value.replace(/px$/, '');
    // The column's images keep their proportions anyway.
    else if (name === 'height' && value === 'auto') continue;
    else rest.push(declaration.trim());
  }
  if (rest.length > 0) image.properties['style'] = rest.join('; ');
  else delete image.properties['style'];
}

/**
 * Make a percentage width a class (after sanitising); a pixel width stays the attribute.
 *
 * @param image An `<img>` element; changed.
 * @param width The width asked for, if not the element's own `width` attribute.
 */
export function widthClass(image: Element, width = String(image.properties['width'] ?? '')): void {
  const share = percentage.exec(width)?.[1];
  if (share === undefined) {
    if (pixels.test(width)) image.properties['width'] = width.replace(/px$/, '');
    return;
  }
  delete image.properties['width'];
  const step = Math.min(100, Math.max(5, Math.round(Number(share) / 5) * 5));
  const classes = Array.isArray(image.properties['className']) ? image.properties['className'] : [];
  image.properties['className'] = [...classes, `width-${step}`];
}
