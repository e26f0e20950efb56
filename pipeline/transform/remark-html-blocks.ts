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

/** Elements whose content is a line of text, not blocks: `<p markdown="1">` holds inline Markdown. */
const inlineContent = new Set([
  'p',
  'summary',
  'span',
  'a',
  'em',
  'strong',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'figcaption',
  'caption',
  'label',
  'cite',
  'small',
]);

/** An opening tag alone on the first line, and its element's closing tag alone on the last. */
const wrapped = /^[ \t]{0,3}<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?>[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*<\/\1>[ \t]*$/;
const markdownAttribute =
  /\bmarkdown\s*=\s*(?:"(?:1|block|span|true)"|'(?:1|block|span|true)'|(?:1|block|span|true)\b)/i;
/** A line that is one tag and nothing else: `<img …>`, `<p class="x">`, `</p>`. */
const tagLine = /^[ \t]*<(\/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?\/?>[ \t]*$/;
/** A line that is one element, opened and closed: `<summary>More</summary>`. */
const elementLine = /^[ \t]*<([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>.*<\/\1>[ \t]*$/;

/**
 * In CommonMark an HTML block runs to the next blank line, so `<aside>` with Markdown on the
 * lines right below it keeps that Markdown as literal text. Such a block is split into its
 * opening tag, its content, and its closing tag; rehype-raw joins the tags around the content
 * again. In the content (as in PHP Markdown Extra), a line that is a single tag stays HTML and
 * the lines between such lines are Markdown, inline Markdown inside elements such as `<p>`; an
 * element on its own lines with `markdown="1"` is split the same way. `markdown="1"` itself is
 * dropped. Positions keep pointing into the file.
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
    if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') split(node, processor, depth + 1);
    if (node.type !== 'html' || !node.position) continue;
    const match = wrapped.exec(node.value);
    if (!match) continue;
    const [, tag = '', attributes = ''] = match;
    if (!markdownElements.has(tag.toLowerCase()) && !markdownAttribute.test(attributes)) continue;
    const start = node.position.start;
    const firstLine = node.value.indexOf('\n') + 1;
    const lastLine = node.value.lastIndexOf('\n') + 1;
    const inner = node.value.slice(firstLine, lastLine - 1);
    const origin: Point = { line: start.line + 1, column: 1, offset: (start.offset ?? 0) + firstLine };
    const children = [
      html(`<${tag}${attributes.replace(markdownAttribute, '')}>`, start, {
        line: start.line,
        column: start.column + firstLine - 1,
        offset: (start.offset ?? 0) + firstLine - 1,
      }),
      ...content(inner, origin, processor, depth, inlineContent.has(tag.toLowerCase())),
      html(
        `</${tag}>`,
        { line: node.position.end.line, column: 1, offset: (start.offset ?? 0) + lastLine },
        node.position.end,
      ),
    ];
    parent.children.splice(index, 1, ...children);
    index += children.length - 1;
  }
}

/**
 * The content of a Markdown-holding element: lines that are one tag stay HTML, the runs of
 * lines between them are parsed as Markdown.
 *
 * @param inline The enclosing element holds a line of text: a lone paragraph is unwrapped.
 */
function content(text: string, origin: Point, processor: Processor, depth: number, inline: boolean): RootContent[] {
  const nodes: RootContent[] = [];
  const lines = text.split('\n');
  let offset = origin.offset ?? 0;
  let run: { start: Point; lines: string[] } | undefined;
  const flush = (closing: string | undefined) => {
    if (!run) return;
    const parsed = processor.parse(run.lines.join('\n')) as Root;
    shift(parsed, run.start);
    split(parsed, processor, depth + 1);
    // Between `<p>` and `</p>` the Markdown is a line of text, not a paragraph of its own.
    const opening = [...nodes].reverse().find((node): node is Html => node.type === 'html');
    const inParagraph =
      (inline && nodes.length === 0) ||
      (opening &&
        closing &&
        new RegExp(`^<${closing}\\b`, 'i').test(opening.value) &&
        inlineContent.has(closing.toLowerCase()));
    const [only] = parsed.children;
    if (inParagraph && parsed.children.length === 1 && only?.type === 'paragraph') nodes.push(...only.children);
    else nodes.push(...parsed.children);
    run = undefined;
  };
  for (const [index, line] of lines.entries()) {
    const point: Point = { line: (origin.line ?? 1) + index, column: 1, offset };
    offset += line.length + 1;
    const tag = tagLine.exec(line);
    if (tag || elementLine.test(line)) {
      flush(tag?.[1] === '/' ? tag[2] : undefined);
      const value = line.trim().replace(markdownAttribute, '');
      nodes.push(
        html(value, point, { line: point.line, column: line.length + 1, offset: (point.offset ?? 0) + line.length }),
      );
    } else if (line.trim() !== '' || run) {
      run ??= { start: point, lines: [] };
      run.lines.push(line);
    }
  }
  flush(inline ? 'p' : undefined);
  return nodes;
}

function html(value: string, start: Point, end: Point): Html {
  return { type: 'html', value, position: { start, end } };
}

/** Move every position of a tree parsed from a slice to where the slice stands in the file. */
function shift(
  node: { position?: { start: Point; end: Point } | undefined; children?: unknown[] },
  origin: Point,
): void {
  if (node.position) {
    for (const point of [node.position.start, node.position.end]) {
      if (point.line === 1) point.column += origin.column - 1;
      point.line += origin.line - 1;
      if (point.offset !== undefined) point.offset += origin.offset ?? 0;
    }
  }
  for (const child of node.children ?? []) shift(child as typeof node, origin);
}
