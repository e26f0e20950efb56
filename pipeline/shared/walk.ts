/**
 * A tree walk with `unist-util-visit`'s contract (preorder; the visitor gets the node, its index
 * and its parent; it may return `SKIP`, `EXIT` or the index to go on at), without its cost:
 * `unist-util-visit-parents` makes a closure, copies the ancestors and renames a function for every
 * node it passes (measured: a third of the transform's tree-walking time on the large corpus).
 */
import type { Node, Parent } from 'unist';
import type { BuildVisitor, Test } from 'unist-util-visit';

/** Do not enter the node's children. */
export const SKIP = 'skip';
/** Stop the walk. */
export const EXIT = false;

type Result = ReturnType<BuildVisitor>;

/** The next index the walk goes on at, or `undefined` to stop it. */
type Step = number | undefined;

/**
 * Walk `tree` in preorder, calling `visitor` on every node of type `test` (every node without one).
 *
 * @param tree Tree to walk.
 * @param test Node type to visit, or the visitor itself.
 * @param visitor What to do at a node.
 */
export function walk<Tree extends Node, Check extends Test>(
  tree: Tree,
  test: Check,
  visitor: BuildVisitor<Tree, Check>,
): void;
export function walk<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): void;
export function walk(
  tree: Node,
  test: string | null | undefined | ((...parameters: never[]) => Result),
  visitor?: (...parameters: never[]) => Result,
): void {
  const type = typeof test === 'string' ? test : undefined;
  const callback = (typeof test === 'function' ? test : visitor) as (
    node: Node,
    index: number | undefined,
    parent: Parent | undefined,
  ) => Result;
  step(tree, undefined, undefined);

  /** Visit a node and its children; the index its parent goes on at, or `undefined` after `EXIT`. */
  function step(node: Node, index: number | undefined, parent: Parent | undefined): Step | null {
    let next: Step = index === undefined ? undefined : index + 1;
    let enter = true;
    if (type === undefined || node.type === type) {
      const result: unknown = callback(node, index, parent);
      const [action, at] = (Array.isArray(result) ? result : [result, undefined]) as unknown[];
      if (action === EXIT) return null;
      if (action === SKIP) enter = false;
      if (typeof action === 'number') next = action;
      else if (typeof at === 'number') next = at;
    }
    const children = (node as Partial<Parent>).children;
    if (enter && children) {
      let offset = 0;
      while (offset > -1 && offset < children.length) {
        const after = step(children[offset] as Node, offset, node as Parent);
        if (after === null) return null;
        offset = after ?? offset + 1;
      }
    }
    return next;
  }
}
