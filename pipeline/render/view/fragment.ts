/**
 * A transformed body (hast) → HTML for one output: URLs rebased, cross-references numbered,
 * citations formatted.
 */
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { plainText } from '../../transform/plain-text.js';
import { pages } from '../../assemble/pages.js';
import { targetText, type Target } from '../../assemble/xref.js';
import { labelsFor, type Labels } from '../../data/languages/index.js';
import type { BookSettings } from '../../model/types.js';
import { referenceId } from '../../citations/format.js';
import type { Book } from '../../model/types.js';
import { schema } from '../../transform/rehype-sanitize-html.js';

/** How one output links: where assets are, and the URL of an element on a page of the site. */
export interface Links {
  /** Prefix that turns `assets/…` into a URL valid from the page. */
  assetBase: string;
  /**
   * URL of an element.
   *
   * @param page Site page holding it, such as `chapters/energy.html`.
   * @param id Element id.
   * @param top The element opens the page: the site links to the page itself.
   */
  target(page: string, id: string, top?: boolean): string;
  book: Pick<Book, 'xrefs' | 'cited' | 'links'>;
  /** Identifies what the links produce, for reusing serialized bodies; see `siteLinks`. */
  memo?: string;
  /** Puts soft hyphens into running text (the print of a language with patterns). */
  hyphenate?: ((text: string) => string) | undefined;
  /**
   * The fixed text of the body's own language where it is not the page's (an untranslated
   * chapter, a case written in another language): its references and captions read "Figure 3.1"
   * in an English body of the Chinese edition, not "图 3.1".
   */
  labels?: Labels | undefined;
  /**
   * The role of `<figure>` elements: `group` in print, where Chromium would tag a figure as a
   * second `Figure` around its image, without the alternative text PDF/UA requires of every
   * `Figure` (the image inside keeps its own, and the caption stays beside it).
   */
  figureRole?: 'group' | undefined;
}

/**
 * Links for a body written in `language`, on a page in `edition`'s language.
 *
 * @param links The page's links.
 * @param language The body's language.
 * @param edition The settings of the page's edition.
 * @returns The links, with that language's fixed text when it differs.
 */
export function bodyLinks(links: Links, language: string, edition: BookSettings): Links {
  if (language === edition.language) return links;
  const labels = labelsFor(language, edition.translations[language]?.labels);
  return { ...links, labels, ...(links.memo === undefined ? {} : { memo: `${links.memo}|${language}` }) };
}

/** What a cross-reference to `target` reads, and what precedes its caption, in `labels`' language. */
function textIn(target: Target, labels: Labels | undefined): { label: string; caption: string } {
  return labels ? targetText(target, labels) : { label: target.label, caption: target.caption };
}

/** Elements whose text is never hyphenated: headings, code, and what reads as one unit. */
const unbroken = new Set([
  'th',
  // A cell is narrow: a word broken in it reads worse than a line more.
  'td',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'math',
  'svg',
  'abbr',
]);

/** Serialized bodies by tree and links: the preview re-renders unchanged chapters for free. */
const serialized = new WeakMap<Root, Map<string, string>>();
/** A fingerprint of the numbers and citations a body's placeholders resolve to. */
const fingerprints = new WeakMap<object, string>();

/**
 * A short fingerprint of the numbers and citations a book's bodies resolve to.
 *
 * @param book The book.
 * @returns A hash, the same for as long as the book's cross-references and citations are.
 */
export function fingerprint(book: Links['book']): string {
  let value = fingerprints.get(book.xrefs);
  if (value === undefined) {
    // Hashed: the memo keys are looked up once per page, and hashing a long key each time costs.
    const numbers = JSON.stringify([
      [...book.xrefs.targets].map(([key, target]) => [
        key,
        target.label,
        target.caption,
        target.page,
        target.id,
        target.title,
      ]),
      [...book.cited.citations],
      [...book.links],
    ]);
    value = createHash('sha1').update(numbers).digest('base64');
    fingerprints.set(book.xrefs, value);
  }
  return value;
}

/**
 * Links from a site page.
 *
 * @param book The book.
 * @param base The site root seen from the page (`''` or `../`).
 * @returns Links for that page.
 */
export function siteLinks(book: Links['book'], base: string): Links {
  return {
    assetBase: base,
    target: (page, id, top) => `${base}${page}${top ? '' : `#${id}`}`,
    book,
    memo: `site|${base}|${fingerprint(book)}`,
  };
}

/**
 * Links inside the print document: everything is on one page; assets are the site's.
 *
 * @param book The book.
 * @param site The site's root seen from the print document.
 * @param hyphenate Soft hyphens for the running text, when the language has patterns.
 * @returns Links for `output/print/book.html`.
 */
export function printLinks(book: Links['book'], site: string, hyphenate?: (text: string) => string): Links {
  return { assetBase: site, target: (_page, id) => `#${id}`, book, hyphenate, figureRole: 'group' };
}

/**
 * Serialize a body for one output. The transform stage wrote asset URLs relative to the site
 * root, and placeholders for numbers and citations; here they are filled in.
 *
 * @param tree Body from the transform stage; not changed.
 * @param links How this output links.
 * @returns HTML.
 */
export function fragmentHtml(tree: Root, links: Links): string {
  const memo = links.memo === undefined ? undefined : serialized.get(tree);
  const hit = links.memo === undefined ? undefined : memo?.get(links.memo);
  if (hit !== undefined) return hit;
  const html = serialize(tree, links);
  if (links.memo !== undefined) {
    // A few entries per tree (one per page depth and edition); older fingerprints are of no further use.
    if (memo && memo.size < 8) memo.set(links.memo, html);
    else serialized.set(tree, new Map([[links.memo, html]]));
  }
  return html;
}

/**
 * The text of one element of a body as an output shows it: cross-references numbered, citations
 * formatted (the transform stage left their Markdown in place).
 *
 * @param node An element of a body from the transform stage; not changed.
 * @param links How the output links.
 * @returns Its text, white space collapsed.
 */
export function fragmentText(node: Element, links: Links): string {
  return plainText(rewriteElement(node, links));
}

function serialize(tree: Root, links: Links): string {
  return toHtml(rewrite(tree, links));
}

/** Whether an element's text is left whole: by its kind, or because it is a typeset formula. */
function isUnbroken(node: Element): boolean {
  const classes = node.properties['className'];
  return unbroken.has(node.tagName) || (Array.isArray(classes) && classes.includes('katex'));
}

/**
 * The tree with asset URLs rebased and placeholders filled in. Copy on write: only elements
 * that change, and their ancestors, are copied; the cached tree is never touched.
 */
function rewrite<Node extends Root | Element>(node: Node, links: Links): Node {
  let children: ElementContent[] | undefined;
  const hyphenate = node.type === 'element' && isUnbroken(node) ? undefined : links.hyphenate;
  for (const [index, child] of node.children.entries()) {
    if (child.type === 'text' && hyphenate && !/:\/\/|www\.|@/.test(child.value)) {
      const value = hyphenate(child.value);
      if (value === child.value) continue;
      children ??= [...(node.children as ElementContent[])];
      children[index] = { ...child, value };
      continue;
    }
    if (child.type !== 'element') continue;
    const next = rewriteElement(child, hyphenate && isUnbroken(child) ? { ...links, hyphenate: undefined } : links);
    if (next === child) continue;
    children ??= [...(node.children as ElementContent[])];
    children[index] = next;
  }
  return children ? { ...node, children } : node;
}

function rewriteElement(node: Element, links: Links): Element {
  const inner = rewrite(node, links);
  const { src, dataXref, dataLabelOf, dataLink, dataNumberOf } = node.properties;
  const rebase = typeof src === 'string' && src.startsWith('assets/');
  const cite = node.tagName === 'cite' && typeof node.properties['id'] === 'string';
  const grouped = node.tagName === 'figure' && links.figureRole !== undefined;
  if (
    !grouped &&
    !rebase &&
    typeof dataXref !== 'string' &&
    typeof dataLabelOf !== 'string' &&
    typeof dataNumberOf !== 'string' &&
    typeof dataLink !== 'string' &&
    !cite
  )
    return inner;
  const copy: Element = { ...inner, properties: { ...node.properties } };
  const { xrefs, cited } = links.book;
  if (typeof dataLink === 'string') {
    // A link to another file of the book: its page and element in this output, or no link at all.
    const target = links.book.links.get(dataLink);
    delete copy.properties['dataLink'];
    if (target) copy.properties['href'] = links.target(target.page, target.id, target.top);
  }
  if (rebase) copy.properties['src'] = links.assetBase + src;
  if (grouped) copy.properties['role'] = links.figureRole;
  if (typeof dataXref === 'string') {
    const target = xrefs.targets.get(dataXref);
    delete copy.properties['dataXref'];
    if (target) {
      copy.properties['href'] = links.target(target.page, target.id);
      copy.children = [{ type: 'text', value: textIn(target, links.labels).label }];
    }
  }
  if (typeof dataLabelOf === 'string') {
    const target = xrefs.targets.get(dataLabelOf);
    delete copy.properties['dataLabelOf'];
    if (target) {
      const text = textIn(target, links.labels);
      copy.children = [{ type: 'text', value: target.title ? text.caption : text.label }];
    }
  }
  if (typeof dataNumberOf === 'string') {
    // An equation's number beside it: "(2.3)".
    const target = xrefs.targets.get(dataNumberOf);
    delete copy.properties['dataNumberOf'];
    if (target?.number) copy.children = [{ type: 'text', value: `(${target.number})` }];
  }
  if (cite) {
    const citation = cited.citations.get(String(node.properties['id']));
    delete copy.properties['dataKey'];
    if (citation)
      copy.children = [link(links.target(pages.references, referenceId(citation.key)), citeprocHtml(citation.html))];
  }
  return copy;
}

/** The content schema, plus the classes citeproc lays out bibliographies with. */
const citeprocSchema = {
  ...schema,
  attributes: {
    ...schema.attributes,
    div: [
      ...(schema.attributes?.['div'] ?? []),
      ['className', 'csl-entry', 'csl-left-margin', 'csl-right-inline', 'csl-block', 'csl-indent'],
    ],
  },
} satisfies typeof schema;

/**
 * citeproc's HTML, parsed and held to the content schema; the entry's own `csl-entry` wrapper
 * is unwrapped, since the template provides one.
 *
 * @param html Markup from citeproc.
 * @returns Nodes safe to insert.
 */
export function citeprocHtml(html: string): ElementContent[] {
  const nodes = (
    (sanitize(fromHtml(html.trim(), { fragment: true }), citeprocSchema) as Root).children as ElementContent[]
  ).filter((node) => node.type !== 'text' || node.value.trim() !== '');
  const [only] = nodes;
  const wrapped =
    nodes.length === 1 &&
    only?.type === 'element' &&
    only.tagName === 'div' &&
    String(only.properties['className']) === 'csl-entry';
  return wrapped ? only.children : nodes;
}

function link(href: string, children: ElementContent[]): Element {
  return { type: 'element', tagName: 'a', properties: { href }, children };
}
