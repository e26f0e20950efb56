/**
 * Parse raw HTML, and only when a file has some.
 */
import type { Root } from 'hast';
import { visit, EXIT } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * rehype-raw re-parses the whole tree with parse5, which costs as much as parsing the Markdown;
 * most files have no raw HTML, so they skip it. `file.data.raw` tells the sanitiser whether it
 * has anything to do.
 *
 * @returns Transformer.
 */
export function rehypeRawIfNeeded() {
  let raw: ((tree: Root, file: VFile) => Root) | undefined;
  return async (tree: Root, file: VFile): Promise<Root | undefined> => {
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    file.data.raw = found;
    if (!found) return undefined;
    // parse5 is loaded on first need: most books have no raw HTML at all.
    raw ??= (await import('rehype-raw')).default() as (tree: Root, file: VFile) => Root;
    return raw(tree, file);
  };
}
