/**
 * Parse the Markdown inside block HTML that is meant to hold it: `<aside>`, `<details>`, and any
 * block element with `markdown="1"`.
 */
import type { Html, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import type { Point } from 'unist';
import type { VFile } from 'vfile';

/** Elements whose content is Markdown even without `markdown="1"`. */
const markdownElements = new Set(['aside', 'details']);

/** An opening tag alone on the first line, and its element's closing tag alone on the last. */
const wrapped = /^<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?>[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*<\/\1>[ \t]*$/;
const markdownAttribute = /\s+markdown\s*=\s*(?:"(?:1|block|true)"|'(?:1|block|true)'|(?:1|block|true)\b)/i;

/**
 * In CommonMark an HTML block runs to the next blank line, so `<aside>` with Markdown on the
 * lines right below it keeps that Markdown as literal text. Such a block is split into its
 * opening tag, its content parsed as Markdown (positions pointing into the file), and its closing
 * tag; rehype-raw joins the tags around the content again. `markdown="1"` itself is dropped:
 * it is an instruction to this step, not an attribute of the page.
 *
 * @this {Processor} The processor, whose parser reads the content.
 * @returns Transformer.
 */
export function remarkHtmlBlocks(this: Processor) {
  const processor = this;
  return (tree: Root, file: VFile): undefined => {
    if (!String(file.value).includes('<')) return;
    split(tree, processor, 0);
  };
}

function split(parent: { children: RootContent[] }, processor: Processor, depth: number): void {
  if (depth > 16) return;
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index] as RootContent;
    if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') split(node as { children: RootContent[] }, processor, depth + 1);
    if (node.type !== 'html' || !node.position) continue;
    const match = wrapped.exec(node.value);
    if (!match) continue;
    const [, tag = '', attributes = ''] = match;
    let inner = match[3] ?? '';
    if (!markdownElements.has(tag.toLowerCase()) && !markdownAttribute.test(attributes)) continue;
    const start = node.position.start;
    let openLength = node.value.indexOf('\n') + 1;
    let openTag = `<${tag}${attributes.replace(markdownAttribute, '')}>`;
    // `<details>` opens with its `<summary>` line: that stays HTML, the rest is Markdown.
    const summary = /^[ \t]*<summary\b[^\n]*<\/summary>[ \t]*(?:\r?\n|$)/i.exec(inner);
    if (summary) {
      openTag += `\n${summary[0].trim()}`;
      openLength += summary[0].length;
      inner = inner.slice(summary[0].length);
    }
    const openLines = openTag.split('\n').length;
    // The content starts on the line after the opening tag, at its first column.
    const origin: Point = { line: start.line + openLines, column: 1, offset: (start.offset ?? 0) + openLength };
    const content = processor.parse(inner) as Root;
    shift(content, origin);
    split(content, processor, depth + 1);
    const open: Html = { type: 'html', value: openTag, position: { start, end: { line: origin.line - 1, column: 1, offset: (origin.offset ?? 1) - 1 } } };
    const closeText = `</${tag}>`;
    const close: Html = { type: 'html', value: closeText, position: { start: { ...node.position.end, column: Math.max(1, node.position.end.column - closeText.length) }, end: node.position.end } };
    parent.children.splice(index, 1, open, ...content.children, close);
    index += content.children.length + 1;
  }
}

/** Move every position of a tree parsed from a slice to where the slice stands in the file. */
function shift(node: { position?: { start: Point; end: Point } | undefined; children?: unknown[] }, origin: Point): void {
  if (node.position) {
    for (const point of [node.position.start, node.position.end]) {
      if (point.line === 1) point.column += origin.column - 1;
      point.line += origin.line - 1;
      if (point.offset !== undefined) point.offset += origin.offset ?? 0;
    }
  }
  for (const child of node.children ?? []) shift(child as typeof node, origin);
}
