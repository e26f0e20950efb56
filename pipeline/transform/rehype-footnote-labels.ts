/**
 * Footnotes in the language of their file: the "Notes" heading and the back links' labels.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { format, labelsFor, type OwnLabels } from '../data/languages/index.js';

/** Options of `rehypeFootnoteLabels`. */
export interface Options {
  /** The book's own fixed text, by language. */
  labels?: Readonly<Record<string, OwnLabels>> | undefined;
}

/**
 * remark-rehype writes one label for every file; this puts the catalogue's of the file's
 * `data.language` in its place: the heading of the notes and each back link's `aria-label`.
 *
 * @param options The book's own fixed text.
 * @returns Transformer.
 */
export function rehypeFootnoteLabels(options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    // remark-rehype puts the notes in a section at the end of the body; most files have none.
    const notes = tree.children.findLast((node) => node.type === 'element');
    if (notes?.type !== 'element' || notes.properties['dataFootnotes'] === undefined) return;
    const language = file.data.language ?? 'en';
    const labels = labelsFor(language, options.labels?.[language]);
    walk(notes, 'element', (node) => {
      if (node.properties['id'] === 'footnote-label') node.children = [{ type: 'text', value: labels.notes }];
      if (node.properties['dataFootnoteBackref'] !== undefined) {
        const number =
          /(?<![\d-])\d+(?:-\d+)?$/.exec(String(node.properties['ariaLabel'] ?? ''))?.[0] ?? toString(node);
        node.properties['ariaLabel'] = format(labels.backToReference, { number });
      }
    });
  };
}
