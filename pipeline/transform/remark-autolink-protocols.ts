/**
 * The GFM specification's `mailto:` and `xmpp:` autolink literals, which remark-gfm leaves out
 * (it links the address only, as github.com does): `mailto:a@b.c` and `xmpp:a@b.c/resource`
 * become one link each, prefix included.
 */
import type { Link, Parent, PhrasingContent, Root } from 'mdast';
import { walk } from '../shared/walk.js';

const prefix = /(?:^|[^A-Za-z0-9])(mailto|xmpp):$/;
/** An XMPP resource: `/` and letters, digits, `@` and `.`, up to the next `/`. */
const resource = /^\/[A-Za-z0-9@.]*[A-Za-z0-9@]/;

/**
 * Runs right after remark-gfm, whose literal email links it extends.
 *
 * @returns Transformer.
 */
export function remarkAutolinkProtocols() {
  return (tree: Root): undefined => {
    walk(tree, 'link', (node, index, parent) => {
      if (!parent || index === undefined || index === 0) return;
      const address = literalAddress(node);
      const before = parent.children[index - 1];
      if (!address || before?.type !== 'text') return;
      const protocol = prefix.exec(before.value)?.[1];
      if (!protocol) return;
      before.value = before.value.slice(0, before.value.length - protocol.length - 1);
      let text = `${protocol}:${address}`;
      if (protocol === 'xmpp') text += takeResource(parent, index);
      node.url = protocol === 'mailto' ? node.url : text;
      node.children = [{ type: 'text', value: text }];
      if (before.value === '') {
        parent.children.splice(index - 1, 1);
        return index;
      }
      return undefined;
    });
  };
}

/** The address of a literal email autolink (`foo@bar.baz` linking to `mailto:foo@bar.baz`). */
function literalAddress(node: Link): string | undefined {
  const [only] = node.children;
  if (node.children.length !== 1 || only?.type !== 'text' || node.url !== `mailto:${only.value}`) return undefined;
  return only.value;
}

/** Remove an XMPP resource from what follows the link at `index`, and return it. */
function takeResource(parent: Parent, index: number): string {
  const next = parent.children[index + 1] as PhrasingContent | undefined;
  if (next?.type !== 'text') return '';
  // remark-gfm may have linked an address inside the resource: `/txt@bin.com`.
  const after = parent.children[index + 2] as PhrasingContent | undefined;
  if (next.value === '/' && after?.type === 'link' && literalAddress(after)) {
    parent.children.splice(index + 1, 2);
    return `/${literalAddress(after) ?? ''}`;
  }
  const match = resource.exec(next.value)?.[0];
  if (!match) return '';
  next.value = next.value.slice(match.length);
  if (next.value === '') parent.children.splice(index + 1, 1);
  return match;
}
