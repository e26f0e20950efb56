/**
 * Make numbered figures of lone images and numbered, captioned tables of GFM tables.
 */
import { widthClass } from './image-width.js';
import type { Element, ElementContent, Root, Text } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { warn, type Place } from '../model/message.js';
import { trailingLabel } from './trailing-label.js';

/** `{#fig:rainfall}` after an image, or at the end of a table caption. */
export const figureLabel = /^\s*\{#(fig:[A-Za-z0-9_-]+)\}\s*$/;
/** After an image: `{#fig:rainfall}`, `{width=50%}` or both (Pandoc's attributes). */
const imageAttributes = /^\s*\{(?:#(fig:[A-Za-z0-9_-]+))? ?(?:width=(\d{1,3}%|\d{1,5}(?:px)?))?\}\s*$/;
/** Pandoc's table caption: a paragraph right after (or before) the table, `Table: …` or `: …`. */
const tableCaption = /^(?:Table)?:\s+/;

/** A caption that opens with its author's own number: "Figure 4-3:", "Table 2.", "图 3". */
const ownNumber =
  /^\s*((?:Figure|Fig\.|Table|Tab\.|Abbildung|Abb\.|Tabelle|Tableau|Figura|Tabla|Chart|Exhibit|图|圖|表|図)\s?\d+(?:[.\-–][\dA-Za-z]+)*)/u;

/**
 * Warn at a caption that numbers itself: the book numbers figures and tables, so the reader would
 * see "Figure 5.3: Figure 4-3: …".
 *
 * @param file The file, for the message.
 * @param caption The caption's text.
 * @param place Where the figure or table is.
 */
export function warnOwnNumber(file: VFile, caption: string, place: Place): void {
  const found = ownNumber.exec(caption)?.[1];
  if (!found) return;
  warn(
    file,
    `Unexpected number \`${found}\` at the start of a caption, expected the caption alone: the book numbers its figures and tables`,
    place,
    'caption-numbered',
  );
}

const isBlank = (node: ElementContent) => node.type === 'text' && node.value.trim() === '';

/** A placeholder for the number, filled in at render time ("Figure 3.2"). */
function labelSpan(key: string): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['caption-label'], dataLabelOf: key },
    children: [],
  };
}

/**
 * A paragraph holding only an image (and optionally `{#fig:label}`) becomes
 * `<figure><img><figcaption>` with the image's title as caption (its alt text when it has
 * none). A table followed (or preceded) by a paragraph `Table: Caption {#tbl:label}` gets that
 * caption. Every figure and table is numbered, labelled or not; the number is written at render
 * time, when chapter numbers are known.
 *
 * @returns Transformer.
 */
export function rehypeFigures() {
  return (tree: Root, file: VFile): undefined => {
    // Unlabelled figures and tables get keys no text can write, unique in the book.
    const auto = (kind: string, n: number) => `auto:${file.data.idPrefix ?? ''}:${kind}-${n}`;
    let figures = 0;
    let tables = 0;
    walk(tree, 'element', (node, index, parent) => {
      // A chart is a figure already; the table of its values is not one of the book's tables.
      if (
        node.tagName === 'figure' &&
        Array.isArray(node.properties['className']) &&
        node.properties['className'].includes('chart')
      )
        return SKIP;
      if (node.tagName === 'p' && parent && index !== undefined) {
        const content = node.children.filter((child) => !isBlank(child));
        const [image, label] = content;
        const attributes = label?.type === 'text' ? imageAttributes.exec(label.value) : null;
        const labelText = attributes?.[1];
        if (image?.type !== 'element' || image.tagName !== 'img' || content.length > 2 || (label && !attributes))
          return undefined;
        if (label && !attributes?.[1] && !attributes?.[2]) return undefined;
        widthClass(image, attributes?.[2]);
        figures++;
        const key = labelText ?? auto('figure', figures);
        const title = String(image.properties['title'] ?? '').trim() || String(image.properties['alt'] ?? '').trim();
        warnOwnNumber(file, title, node.position);
        delete image.properties['title'];
        const caption: Element = {
          type: 'element',
          tagName: 'figcaption',
          properties: {},
          children: [labelSpan(key), ...(title ? [{ type: 'text', value: title } as Text] : [])],
        };
        parent.children[index] = {
          type: 'element',
          tagName: 'figure',
          properties: {
            id: labelText ? labelText.replace(':', '-') : `figure-${figures}`,
            dataAnchor: key,
            dataAnchorKind: 'figure',
            dataTitle: title,
          },
          children: [image, caption],
          ...(node.position ? { position: node.position } : {}),
        };
        return SKIP;
      }
      if (node.tagName === 'table' && parent && index !== undefined) {
        tables++;
        const siblings = parent.children;
        const near = [index + 1, index + 2, index - 1, index - 2].find((at) => {
          const candidate = siblings[at];
          return (
            candidate?.type === 'element' &&
            candidate.tagName === 'p' &&
            tableCaption.test(toString(candidate)) &&
            siblings
              .slice(Math.min(at, index) + 1, Math.max(at, index))
              .every((between) => isBlank(between as ElementContent))
          );
        });
        let key = auto('table', tables);
        let title = '';
        if (near !== undefined) {
          const paragraph = siblings[near] as Element;
          const first = paragraph.children[0];
          if (first?.type === 'text') first.value = first.value.replace(tableCaption, '');
          const last = paragraph.children.at(-1);
          const found = last?.type === 'text' ? trailingLabel(last.value, 'tbl') : undefined;
          if (last?.type === 'text' && found) {
            key = found.label;
            last.value = last.value.slice(0, found.index);
          }
          title = toString(paragraph).trim();
          warnOwnNumber(file, title, paragraph.position);
          node.children.unshift({
            type: 'element',
            tagName: 'caption',
            properties: {},
            children: [labelSpan(key), ...paragraph.children],
          });
          siblings.splice(near, 1);
        } else {
          node.children.unshift({ type: 'element', tagName: 'caption', properties: {}, children: [labelSpan(key)] });
        }
        node.properties['id'] = key.startsWith('tbl:') ? key.replace(':', '-') : `table-${tables}`;
        node.properties['dataAnchor'] = key;
        node.properties['dataAnchorKind'] = 'table';
        node.properties['dataTitle'] = title;
        // A caption taken from before the table shifted it one place back.
        return [SKIP, near !== undefined && near < index ? index : index + 1];
      }
      return undefined;
    });
    // Every image's width in percent (raw HTML's too) becomes its class.
    walk(tree, 'element', (node) => {
      if (node.tagName === 'img') widthClass(node);
    });
  };
}
