/**
 * Reviewers' open comments in a draft's PDF: a note (a PDF text annotation, the sticky note every
 * reader shows) in the margin beside the line its quote starts on. The print document gets an
 * empty anchor where each quote starts, and a hidden link to it, so that Chromium writes a named
 * destination there (`finish.ts` reads them); the note is then added at that destination.
 */
import type { Element, Root as HastRoot, RootContent, Text } from 'hast';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import type { Book, CaseStudy, Chapter } from '../../model/types.js';
import { locateQuote } from '../../review/anchor.js';
import type { Annotation } from '../../review/annotation.js';
import type { Marks } from '../view/view.js';
import type { Destination } from './finish.js';

/** An open comment of a chapter or case, and the id of its anchor in the print document. */
export interface DraftNote {
  id: string;
  annotation: Annotation;
}

/**
 * The open comments a draft's PDF carries, by chapter or case, each with its anchor's id; none
 * for a final build.
 *
 * @param book The edition printed.
 * @param marks The build's marks.
 * @returns Chapter or case → its notes.
 */
export function draftNotes(book: Book, marks: Marks): Map<Chapter | CaseStudy, DraftNote[]> {
  const notes = new Map<Chapter | CaseStudy, DraftNote[]>();
  if (!marks.draft) return notes;
  let count = 0;
  for (const part of [...book.chapters, ...book.cases]) {
    const open = (marks.comments.get(part.path) ?? []).filter((annotation) => annotation.status === 'open');
    if (open.length > 0)
      notes.set(
        part,
        open.map((annotation) => ({ id: `review-note-${++count}`, annotation })),
      );
  }
  return notes;
}

/**
 * A chapter's or case's tree with an empty anchor where each note's quote starts (a quote the
 * printed text no longer has gets none, and no note).
 *
 * @param tree The body.
 * @param notes Its notes.
 * @returns A copy of the tree, the anchors in it.
 */
export function anchorNotes(tree: HastRoot, notes: readonly DraftNote[]): HastRoot {
  const copy = structuredClone(tree);
  // The text nodes in order, each with where it starts in their joined text.
  const texts: { node: Text; parent: HastRoot | Element; start: number }[] = [];
  let joined = '';
  const visit = (node: HastRoot | Element) => {
    for (const child of node.children as RootContent[]) {
      if (child.type === 'text') {
        texts.push({ node: child, parent: node, start: joined.length });
        joined += child.value;
      } else if (child.type === 'element' && child.tagName !== 'script' && child.tagName !== 'style') visit(child);
    }
  };
  visit(copy);
  const offsets = Array.from({ length: joined.length }, (_, index) => index);
  // From the end of the text, so that each split leaves the earlier offsets as they are.
  const placed = notes
    .map((note) => ({ note, at: locateQuote({ text: joined, offsets }, note.annotation.target.selector[0])?.start }))
    .filter((entry): entry is { note: DraftNote; at: number } => entry.at !== undefined)
    .sort((a, b) => b.at - a.at);
  for (const { note, at } of placed) {
    const index = texts.findLastIndex((text) => text.start <= at);
    const text = texts[index];
    if (!text) continue;
    const split = at - text.start;
    const anchor: Element = {
      type: 'element',
      tagName: 'a',
      properties: { id: note.id, className: ['review-note'] },
      children: [],
    };
    const siblings = text.parent.children as RootContent[];
    const position = siblings.indexOf(text.node);
    const before: Text = { type: 'text', value: text.node.value.slice(0, split) };
    text.node.value = text.node.value.slice(split);
    siblings.splice(position, 0, ...(before.value ? [before] : []), anchor);
  }
  return copy;
}

/** PDF text: a literal string when it is ASCII, else UTF-16. */
const pdfText = (text: string) => (/^[\u0020-\u007E]*$/.test(text) ? PDFString.of(text) : PDFHexString.fromText(text));

/** Points in one unit of a CSS length. */
const points: Record<string, number> = { mm: 72 / 25.4, cm: 720 / 25.4, in: 72, pt: 1, px: 0.75 };

/**
 * The top margin of the book's pages, in points, from the first `@page` rule of its print style
 * sheet (24 mm if it says none).
 *
 * @param css The print style sheet.
 */
export function pageTopMargin(css: string): number {
  const rule = /@page\s*\{([^}]*)/.exec(css)?.[1] ?? '';
  const value =
    /margin-top\s*:\s*([\d.]+)(mm|cm|in|pt|px)/.exec(rule) ?? /margin\s*:\s*([\d.]+)(mm|cm|in|pt|px)/.exec(rule);
  return value ? Number(value[1]) * (points[value[2] ?? 'mm'] ?? 1) : 24 * (points['mm'] ?? 1);
}

/**
 * Add each note whose anchor was printed as a text annotation in the margin of its page: the
 * commenter as its title, the body and the replies as its plain text.
 *
 * @param doc The printed PDF.
 * @param destinations Its named destinations.
 * @param notes The notes.
 * @param topMargin The pages' top margin in points: Chromium's destinations measure from the
 *   page area, not the page (`pageTopMargin`).
 */
export function addNotes(
  doc: PDFDocument,
  destinations: ReadonlyMap<string, Destination>,
  notes: readonly DraftNote[],
  topMargin: number,
): void {
  const pages = doc.getPages();
  for (const { id, annotation } of notes) {
    const destination = destinations.get(id);
    const page = destination ? pages[destination.page - 1] : undefined;
    if (!destination || !page) continue;
    const top = Number(destination.target.lookup(3)?.toString() ?? page.getHeight()) - topMargin;
    const x = page.getWidth() - 26;
    const text = [
      `${annotation.creator.name}: ${annotation.body.value}`,
      ...annotation.replies.map((reply) => `${reply.creator.name}: ${reply.body.value}`),
    ].join('\n\n');
    const note = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [x, top - 18, x + 18, top],
      Contents: pdfText(text),
      T: pdfText(annotation.creator.name),
      NM: pdfText(annotation.id),
      M: PDFString.fromDate(new Date(annotation.modified ?? annotation.created)),
      Name: PDFName.of('Comment'),
      Open: false,
      // Printable, so that a printed draft shows the icon; the reader's colour for notes.
      F: 4,
      C: [1, 0.82, 0.2],
    });
    page.node.addAnnot(doc.context.register(note));
  }
}
