/**
 * Parse raw HTML, and only when a file has some; report raw HTML that swallows the text after it.
 */
import { loadLibrary } from '../shared/loading.js';
import type { Element, Root } from 'hast';
import { EXIT, SKIP, walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { error } from '../model/message.js';

/** Elements whose content the HTML parser reads as text until their closing tag. */
const rawText = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'iframe',
  'plaintext',
]);

/**
 * rehype-raw re-parses the whole tree with parse5, which costs as much as parsing the Markdown;
 * most files have no raw HTML, so they skip it. `file.data.raw` tells the sanitiser whether it
 * has anything to do.
 *
 * An element such as `<noscript>` that is never closed takes everything after it: the headings
 * and paragraphs of the Markdown that follows end up inside it, and the sanitiser would remove
 * them with it. Such an element is an `html-swallowed` error, naming what it took.
 *
 * @returns Transformer.
 */
export function rehypeRawIfNeeded() {
  let raw: ((tree: Root, file: VFile) => Root) | undefined;
  return async (tree: Root, file: VFile): Promise<Root | undefined> => {
    let found = false;
    walk(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    file.data.raw = found;
    if (!found) return undefined;
    // parse5 is loaded on first need: most books have no raw HTML at all.
    raw ??= (await loadLibrary(() => import('rehype-raw'))).default();
    const parsed = raw(tree, file);
    walk(parsed, 'element', (node) => {
      if (!rawText.has(node.tagName)) return undefined;
      // Only text can be inside these: elements there are Markdown blocks the element took.
      const taken = node.children.filter((child): child is Element => child.type === 'element');
      if (taken.length > 0) reportSwallowed(file, node, taken);
      return SKIP;
    });
    return parsed;
  };
}

function textOf(node: Element): string {
  const text = node.children
    .map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : ''))
    .join('');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function reportSwallowed(file: VFile, culprit: Element, taken: readonly Element[]): void {
  const headings = taken
    .filter((node) => /^h[1-6]$/.test(node.tagName))
    .map((node) => `\`${'#'.repeat(Number(node.tagName[1]))} ${textOf(node)}\``);
  const what =
    headings.length > 0
      ? `${headings.slice(0, 3).join(', ')}${headings.length > 3 ? ', …' : ''} and the text around them`
      : `${taken.length} block${taken.length > 1 ? 's' : ''} of text`;
  error(
    file,
    `Unexpected \`<${culprit.tagName}>\` that is never closed: it takes everything after it, ${what}, expected \`</${culprit.tagName}>\` right after its content`,
    culprit.position,
    'html-swallowed',
  );
}
