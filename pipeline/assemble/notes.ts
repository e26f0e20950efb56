/**
 * Citations in a style of class `note` (Chicago notes and bibliography, MHRA, OSCOLA): each
 * citation is a footnote of its file, numbered with the author's own footnotes in the order
 * they are referred to, its mark after the punctuation that follows it ("…Transformers.¹").
 * The notes stand where remark-rehype puts a file's footnotes: in the notes at its end.
 */
import type { Element, ElementContent, Root } from 'hast';
import { format } from '../data/languages/index.js';
import type { NotePlace } from '../citations/index.js';
import { idSeparator } from '../transform/rehype-scope-ids.js';
import { SKIP, walk } from '../shared/walk.js';
import type { Book } from '../model/types.js';

/** A part of the book with a body. */
type Body = Pick<Book['chapters'][number], 'path' | 'content'>;

/** What a note is about: an author's footnote (by its id) or a citation (by its `<cite>` id). */
type Note = { footnote: string } | { citation: string };

/**
 * The notes of a body in the order they are referred to: a footnote counts where it is first
 * referred to, a citation where it stands.
 */
function notesOf(content: Root, citations: ReadonlySet<string>): Note[] {
  const notes: Note[] = [];
  const seen = new Set<string>();
  walk(content, 'element', (node: Element) => {
    if (node.properties['dataFootnotes'] !== undefined) return SKIP;
    const id = node.properties['id'];
    if (node.tagName === 'cite' && typeof id === 'string' && citations.has(id)) {
      notes.push({ citation: id });
      return SKIP;
    }
    if (node.tagName === 'a' && node.properties['dataFootnoteRef'] !== undefined) {
      const target = String(node.properties['href'] ?? '').replace(/^#/, '');
      if (!seen.has(target)) notes.push({ footnote: target });
      seen.add(target);
    }
    return undefined;
  });
  return notes;
}

/**
 * Where each citation of the book would stand as a footnote: its number among its file's notes.
 *
 * @param bodies The chapters and cases, in book order.
 * @param citations Every citation's id, by file path.
 * @returns Citation id → its note.
 */
export function notePlaces(
  bodies: readonly Body[],
  citations: ReadonlyMap<string, readonly string[]>,
): Map<string, NotePlace> {
  const places = new Map<string, NotePlace>();
  for (const body of bodies) {
    const ids = new Set(citations.get(body.path) ?? []);
    if (ids.size === 0) continue;
    const number = new Map<string, number>();
    for (const [index, note] of notesOf(body.content, ids).entries()) {
      if ('citation' in note) places.set(note.citation, { index: index + 1, group: body.path });
      else number.set(note.footnote, index + 1);
    }
    // A citation inside an author's footnote stays in that note's text, and counts as that note.
    walk(body.content, 'element', (node: Element) => {
      if (node.properties['dataFootnotes'] === undefined) return undefined;
      for (const item of node.children.flatMap((child) => (child.type === 'element' ? child.children : [])))
        if (item.type === 'element' && item.tagName === 'li')
          walk(item, 'element', (cite: Element) => {
            const id = cite.properties['id'];
            const at = number.get(String(item.properties['id'] ?? ''));
            if (cite.tagName === 'cite' && typeof id === 'string' && ids.has(id) && at !== undefined)
              places.set(id, { index: at, group: body.path });
          });
      return SKIP;
    });
  }
  return places;
}

/**
 * A book whose citations are footnotes: each body that cites is copied (editions share bodies)
 * with its citations moved into its notes.
 *
 * @param book An edition whose style is of class `note`.
 * @returns The edition with its bodies rewritten.
 */
export function citationsAsNotes(book: Book): Book {
  const citations = new Map(book.cited.citations);
  const rewrite = <Part extends Body>(part: Part): Part => {
    // A citation in an author's note runs in the note's sentence: the note's own punctuation
    // ends it, not the full stop the style ends a note with (inside closing quotes too).
    walk(part.content, 'element', (node: Element) => {
      if (node.properties['dataFootnotes'] === undefined) return undefined;
      walk(node, 'element', (cite: Element) => {
        const id = String(cite.properties['id'] ?? '');
        const citation = cite.tagName === 'cite' ? citations.get(id) : undefined;
        if (citation) citations.set(id, { ...citation, html: citation.html.replace(/\.([”’"']?)$/, '$1') });
      });
      return SKIP;
    });
    const notes = notesOf(part.content, new Set(book.cited.citations.keys()));
    if (!notes.some((note) => 'citation' in note)) return part;
    return { ...part, content: withNotes(structuredClone(part.content), notes, book) };
  };
  return {
    ...book,
    chapters: book.chapters.map(rewrite),
    cases: book.cases.map(rewrite),
    cited: { ...book.cited, citations },
  };
}

function withNotes(content: Root, notes: readonly Note[], book: Book): Root {
  const number = new Map(notes.map((note, index) => ['citation' in note ? note.citation : note.footnote, index + 1]));
  const items: { number: number; item: Element }[] = [];
  let prefix = '';
  walk(content, 'element', (node: Element, index, parent) => {
    if (node.properties['dataFootnotes'] !== undefined) return SKIP;
    const id = String(node.properties['id'] ?? '');
    if (node.tagName === 'a' && node.properties['dataFootnoteRef'] !== undefined) {
      const target = String(node.properties['href'] ?? '').replace(/^#/, '');
      node.children = [{ type: 'text', value: String(number.get(target) ?? '') }];
      return undefined;
    }
    const at = number.get(id);
    if (node.tagName !== 'cite' || at === undefined || !parent || index === undefined) return undefined;
    prefix = id.slice(0, id.lastIndexOf(`${idSeparator}cite-`));
    const noteId = `${prefix}${idSeparator}fn-${id.slice(prefix.length + idSeparator.length)}`;
    const refId = `${prefix}${idSeparator}fnref-${id.slice(prefix.length + idSeparator.length)}`;
    const author = book.cited.citations.get(id)?.author;
    // The mark follows the punctuation after the citation, and no space stands before it.
    const siblings = parent.children as ElementContent[];
    const before = siblings[index - 1];
    if (before?.type === 'text') before.value = before.value.trimEnd() + (author ? ' ' : '');
    const after = siblings[index + 1];
    const stop = after?.type === 'text' ? (/^[.,;:!?。，；：！？]+/.exec(after.value)?.[0] ?? '') : '';
    if (after?.type === 'text' && stop) after.value = after.value.slice(stop.length);
    const mark: Element = {
      type: 'element',
      tagName: 'sup',
      properties: {},
      children: [
        {
          type: 'element',
          tagName: 'a',
          properties: {
            href: `#${noteId}`,
            id: refId,
            dataFootnoteRef: true,
            ariaDescribedBy: [`${prefix}${idSeparator}footnote-label`],
          },
          children: [{ type: 'text', value: String(at) }],
        },
      ],
    };
    const replacement: ElementContent[] = [
      ...(author ? [{ type: 'text' as const, value: author }] : []),
      ...(stop ? [{ type: 'text' as const, value: stop }] : []),
      mark,
    ];
    siblings.splice(index, 1, ...replacement);
    items.push({
      number: at,
      item: {
        type: 'element',
        tagName: 'li',
        properties: { id: noteId },
        children: [
          {
            type: 'element',
            tagName: 'p',
            properties: {},
            children: [node, { type: 'text', value: ' ' }, backLink(refId, at, book)],
          },
        ],
      },
    });
    return [SKIP, index + replacement.length];
  });
  const section = footnotes(content, prefix, book);
  const list = section.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol');
  if (!list) return content;
  for (const child of list.children) {
    if (child.type !== 'element') continue;
    const at = number.get(String(child.properties['id'] ?? '')) ?? 0;
    items.push({ number: at, item: child });
    walk(child, 'element', (node: Element) => {
      if (node.properties['dataFootnoteBackref'] !== undefined)
        node.properties['ariaLabel'] = format(book.labels.backToReference, { number: at });
    });
  }
  list.children = items
    .sort((a, b) => a.number - b.number)
    .flatMap(({ item }) => [{ type: 'text' as const, value: '\n' }, item]);
  list.children.push({ type: 'text', value: '\n' });
  return content;
}

function backLink(refId: string, number: number, book: Book): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: {
      href: `#${refId}`,
      dataFootnoteBackref: '',
      ariaLabel: format(book.labels.backToReference, { number }),
      className: ['data-footnote-backref'],
    },
    children: [{ type: 'text', value: '↩' }],
  };
}

/** The body's notes section, made (as remark-rehype makes it) when the body had none. */
function footnotes(content: Root, prefix: string, book: Book): Element {
  const found = content.children.find(
    (node): node is Element => node.type === 'element' && node.properties['dataFootnotes'] !== undefined,
  );
  if (found) return found;
  const section: Element = {
    type: 'element',
    tagName: 'section',
    properties: { dataFootnotes: true, className: ['footnotes'] },
    children: [
      {
        type: 'element',
        tagName: 'h2',
        properties: { className: ['sr-only'], id: `${prefix}${idSeparator}footnote-label` },
        children: [{ type: 'text', value: book.labels.notes }],
      },
      { type: 'text', value: '\n' },
      { type: 'element', tagName: 'ol', properties: {}, children: [] },
      { type: 'text', value: '\n' },
    ],
  };
  content.children.push({ type: 'text', value: '\n' }, section);
  return section;
}
