/**
 * Lint what an author would want to know: skipped heading levels, duplicate headings, empty
 * links, very long paragraphs in case studies.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { warn } from '../model/message.js';

/** Options of `remarkLintContent`. */
export interface Options {
  /** Words above which a paragraph of a case study is too long to read on a card-sized page. */
  maxCaseParagraphWords?: number;
}

/**
 * Warnings, each with a rule id that `rules` in whitepaper.yaml can turn off:
 * `heading-skip` (a level jumps, or the body starts below `##`: the title is the `#`),
 * `heading-duplicate` (the same heading text twice in a file), `link-empty` (no text or no URL),
 * `paragraph-long` (a case-study paragraph over `maxCaseParagraphWords` words).
 *
 * @param options Limits.
 * @returns Transformer.
 */
export function remarkLintContent(options: Options = {}) {
  const maxWords = options.maxCaseParagraphWords ?? 200;
  return (tree: Root, file: VFile): undefined => {
    let previous = 1;
    const seen = new Map<string, Heading>();
    walk(tree, (node) => {
      if (node.type === 'heading') {
        if (node.depth > previous + 1) {
          warn(
            file,
            `Unexpected heading level ${node.depth} after level ${previous}, expected level ${previous + 1} at most`,
            node.position,
            'heading-skip',
          );
        }
        previous = node.depth;
        const text = toString(node).trim().toLowerCase();
        const first = seen.get(text);
        if (first)
          warn(
            file,
            `Unexpected duplicate heading \`${toString(node).trim()}\` (also line ${first.position?.start.line}), expected distinct headings`,
            node.position,
            'heading-duplicate',
          );
        else seen.set(text, node);
      } else if (node.type === 'link') {
        if (toString(node).trim() === '' && !node.children.some((child) => child.type === 'image')) {
          warn(file, 'Unexpected link without text, expected words a reader can follow', node.position, 'link-empty');
        } else if (node.url.trim() === '' || node.url.trim() === '#') {
          warn(file, `Unexpected link \`${toString(node).trim()}\` without a URL`, node.position, 'link-empty');
        }
      } else if (node.type === 'paragraph' && file.data.kind === 'case') {
        const words = toString(node).split(/\s+/).filter(Boolean).length;
        if (words > maxWords)
          warn(
            file,
            `Unexpected paragraph of ${words} words, expected at most ${maxWords}: split it`,
            node.position,
            'paragraph-long',
          );
      }
    });
  };
}
