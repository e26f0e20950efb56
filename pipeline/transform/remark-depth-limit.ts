/**
 * Stop a file whose Markdown nests deeper than a limit, before anything recurses into it.
 */
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import type { VFile } from 'vfile';
import { source } from '../model/message.js';

/** Options of `remarkDepthLimit`. */
export interface Options {
  /** Deepest nesting of blocks and inlines accepted. Default: 64. */
  maxDepth?: number;
}

/**
 * Hundreds of nested block quotes or lists are never prose, and they overflow the stack of
 * every recursive tree utility. The tree is measured without recursion; a file over the limit
 * fails with a located message and is not processed further.
 *
 * @param options Limit.
 * @returns Transformer.
 */
export function remarkDepthLimit(options: Options = {}) {
  const maxDepth = options.maxDepth ?? 64;
  return (tree: Root, file: VFile): undefined => {
    const stack: { node: Node; depth: number }[] = [{ node: tree, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop() as { node: Node; depth: number };
      if (depth > maxDepth) {
        file.fail(`Unexpected nesting deeper than ${maxDepth} levels, expected flatter Markdown`, {
          place: node.position,
          ruleId: 'markdown-depth',
          source,
        });
      }
      for (const child of (node as Partial<Parent>).children ?? []) stack.push({ node: child, depth: depth + 1 });
    }
  };
}
