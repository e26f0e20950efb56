/**
 * Count the words and images of a body into `file.data.stats`.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';

const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/**
 * Words are runs of letters or digits separated by spaces; each Chinese, Japanese or Korean
 * character counts as a word, as word processors count them.
 *
 * @returns Transformer.
 */
export function remarkStats() {
  return (tree: Root, file: VFile): undefined => {
    let images = 0;
    walk(tree, 'image', () => {
      images++;
    });
    const text = tree.children
      .filter((node) => node.type !== 'yaml')
      .map((node) => toString(node))
      .join(' ');
    const characters = text.match(cjk)?.length ?? 0;
    const words = text
      .replace(cjk, ' ')
      .split(/\s+/)
      .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    file.data.stats = { words: words + characters, images };
  };
}
