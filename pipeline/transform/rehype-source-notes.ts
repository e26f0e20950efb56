/**
 * A paragraph right after a figure or a table that starts with a source note's word and a colon
 * (`Source:`, `Notes:`, `资料来源：`, `出典：`: each language's `sourceNotes`) is its source note:
 * set small, under it.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { labelsFor, languages, type OwnLabels } from '../data/languages/index.js';

/** Options of `rehypeSourceNotes`. */
export interface Options {
  /** The book's own fixed text, by language. */
  labels?: Readonly<Record<string, OwnLabels>> | undefined;
}

/** The words of every language the registry has fixed text for. */
const known = new Set(languages.flatMap((language) => language.labels?.sourceNotes ?? []));

/** What a paragraph starts with before its colon (`:` or `：`), or `''` when it has none near its start. */
function sourceWord(text: string): string {
  const start = text.slice(0, 32);
  const colon = [start.indexOf(':'), start.indexOf('：')].filter((at) => at > 0);
  return colon.length > 0 ? start.slice(0, Math.min(...colon)).trim() : '';
}

/**
 * Runs after `rehype-figures`: marks each source note with `class="source-note"`.
 *
 * @param options The book's own fixed text.
 * @returns Transformer.
 */
export function rehypeSourceNotes(options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    const language = file.data.language ?? 'en';
    const own = labelsFor(language, options.labels?.[language]).sourceNotes;
    const isSourceWord = (word: string) => known.has(word) || own.includes(word);
    const blocks = tree.children.filter((node): node is Element => node.type === 'element');
    for (const [index, node] of blocks.entries()) {
      const next = blocks[index + 1];
      if (!next || next.tagName !== 'p' || !(node.tagName === 'figure' || node.tagName === 'table')) continue;
      if (!isSourceWord(sourceWord(toString(next)))) continue;
      const classes = Array.isArray(next.properties['className']) ? next.properties['className'] : [];
      next.properties['className'] = [...classes, 'source-note'];
    }
  };
}
