/**
 * Parse raw HTML, and only when a file has some.
 */
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
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
  const raw = rehypeRaw();
  return (tree: Root, file: VFile): Root | undefined => {
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    file.data.raw = found;
    return found ? (raw(tree, file) as Root) : undefined;
  };
}
