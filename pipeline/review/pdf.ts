/**
 * Remarks a reviewer made on a PDF draft in any reader: highlights (and underlines, squiggles,
 * strike-outs) with or without a note, sticky notes, and replies to either, as Acrobat, Preview,
 * Okular and pdf.js write them. Each takes the text under it from the PDF's own text positions
 * (pdf.js reads both, as a browser does: the PDF is untrusted and nothing in it is run), with
 * the words around it, so that it can be found in the Markdown like a comment from a page.
 */
import { openPdf } from '../shared/pdfjs.js';
import { createHash } from 'node:crypto';
import { PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import type { QuoteSelector } from './annotation.js';

/** A reviewer's remark on a page of a PDF. */
export interface PdfRemark {
  /** The page, from 1. */
  page: number;
  /** The PDF's name for it (`/NM`), else one made from what it is. */
  id: string;
  author: string;
  /** Its note; empty for a highlight without one. */
  body: string;
  created: string;
  quote: QuoteSelector;
  replies: { id: string; author: string; body: string; created: string }[];
}

/** Annotations that mark text. */
const markup = new Set(['Highlight', 'Underline', 'Squiggly', 'StrikeOut']);

/** One run of text on a page, its box in PDF points, and where it starts in the page's text. */
interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  start: number;
}

/** What pdf.js gives for an annotation (the fields read here). */
interface PdfJsAnnotation {
  id: string;
  subtype: string;
  rect: number[];
  quadPoints?: Float32Array | number[] | null;
  contentsObj?: { str: string };
  titleObj?: { str: string };
  modificationDate?: string | null;
  creationDate?: string | null;
  inReplyTo?: string;
}

/** A PDF date (`D:20261205103000Z`, `D:20261205103000+08'00'`) as ISO 8601. */
function pdfDate(value: string | null | undefined): string | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', sign, zh = '00', zm = '00'] =
    match;
  const zone = !sign || sign.toUpperCase() === 'Z' ? 'Z' : `${sign}${zh}:${zm}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The text of a page, as runs with their boxes. */
function runsOf(items: readonly unknown[]): { text: string; runs: Run[] } {
  let text = '';
  const runs: Run[] = [];
  for (const item of items) {
    const run = item as { str?: string; transform?: number[]; width?: number; height?: number; hasEOL?: boolean };
    if (typeof run.str !== 'string' || !run.transform) continue;
    const [, , , , x = 0, y = 0] = run.transform;
    runs.push({ text: run.str, x, y, width: run.width ?? 0, height: run.height ?? 0, start: text.length });
    text += run.str + (run.hasEOL ? '\n' : '');
  }
  return { text, runs };
}

/** Boxes of a markup annotation's quadrilaterals: [left, bottom, right, top]. */
function boxes(quadPoints: ArrayLike<number>): [number, number, number, number][] {
  const result: [number, number, number, number][] = [];
  for (let index = 0; index + 7 < quadPoints.length; index += 8) {
    const xs = [0, 2, 4, 6].map((offset) => quadPoints[index + offset] ?? 0);
    const ys = [1, 3, 5, 7].map((offset) => quadPoints[index + offset] ?? 0);
    result.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  return result;
}

/**
 * Where in the page's text the runs under some boxes are: a run is under a box when its middle
 * height is inside it; its characters count in proportion to their share of its width.
 */
function spanUnder(
  runs: readonly Run[],
  under: readonly [number, number, number, number][],
): [number, number] | undefined {
  let start = Number.POSITIVE_INFINITY;
  let end = -1;
  for (const run of runs) {
    if (run.text.length === 0 || run.width <= 0) continue;
    const middle = run.y + run.height * 0.35;
    for (const [left, bottom, right, top] of under) {
      if (middle < bottom || middle > top || right <= run.x || left >= run.x + run.width) continue;
      const per = run.width / run.text.length;
      const from = Math.max(0, Math.round((left - run.x) / per));
      const to = Math.min(run.text.length, Math.round((right - run.x) / per));
      if (to <= from) continue;
      start = Math.min(start, run.start + from);
      end = Math.max(end, run.start + to);
    }
  }
  return end > start ? [start, end] : undefined;
}

/** The line of text beside a note's icon: the runs whose height holds its top. */
function lineBeside(runs: readonly Run[], rect: readonly number[]): [number, number] | undefined {
  const top = rect[3] ?? 0;
  const height = (rect[3] ?? 0) - (rect[1] ?? 0);
  const line = runs.filter((run) => run.text.trim() && run.y <= top && run.y + run.height >= top - height);
  const first = line[0];
  const last = line.at(-1);
  return first && last ? [first.start, last.start + last.text.length] : undefined;
}

/** A selector for a span of a page's text, with up to 32 characters around it. */
const selectorOf = (text: string, [start, end]: [number, number]): QuoteSelector => ({
  type: 'TextQuoteSelector',
  exact: text.slice(start, end).slice(0, 2000),
  prefix: text.slice(Math.max(0, start - 32), start),
  suffix: text.slice(end, end + 32),
});

/** Text of a PDF string or hex string, if that is what it is. */
const textOf = (value: unknown) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/**
 * Read the remarks of a PDF.
 *
 * @param bytes The PDF.
 * @param raw The same PDF as pdf-lib reads it (the caller's, which reads its destinations too),
 *   or `undefined` when pdf-lib cannot: pdf.js does not give an annotation's `/NM`, and a
 *   reply's `/IRT` is its object.
 * @returns Its remarks in page order, and its language (`/Lang`), if it says.
 * @throws Error when the file is not a PDF pdf.js can read.
 */
export async function readPdfRemarks(
  bytes: Uint8Array,
  raw: PDFDocument | undefined,
): Promise<{ remarks: PdfRemark[]; language?: string }> {
  const doc = await openPdf(bytes);
  const rawOf = (id: string) => {
    const match = /^(\d+)R(\d*)$/.exec(id);
    const object = match ? raw?.context.lookup(PDFRef.of(Number(match[1]), Number(match[2] || 0))) : undefined;
    return object instanceof PDFDict ? object : undefined;
  };
  const remarks = new Map<string, PdfRemark>();
  const replies: { to: string; reply: PdfRemark['replies'][number] }[] = [];
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const annotations = (await page.getAnnotations()) as PdfJsAnnotation[];
      if (!annotations.some((annotation) => markup.has(annotation.subtype) || annotation.subtype === 'Text')) continue;
      const { text, runs } = runsOf((await page.getTextContent()).items);
      for (const annotation of annotations) {
        if (!markup.has(annotation.subtype) && annotation.subtype !== 'Text') continue;
        const dict = rawOf(annotation.id);
        const body = (annotation.contentsObj?.str ?? '').replace(/\r\n?/g, '\n').trim();
        const author = (annotation.titleObj?.str ?? '').trim() || 'PDF reviewer';
        const created =
          pdfDate(annotation.modificationDate) ?? pdfDate(annotation.creationDate) ?? new Date(0).toISOString();
        const named = textOf(dict?.lookup(PDFName.of('NM')));
        const id =
          named && /^(?:urn:uuid:)?[A-Za-z0-9-]{4,64}$/.test(named)
            ? named
            : `pdf-${createHash('sha1')
                .update(`${number} ${annotation.rect.join(' ')} ${body}`)
                .digest('hex')
                .slice(0, 24)}`;
        if (annotation.inReplyTo) {
          if (body) replies.push({ to: annotation.inReplyTo, reply: { id, author, body, created } });
          continue;
        }
        const span =
          annotation.quadPoints && markup.has(annotation.subtype)
            ? spanUnder(runs, boxes(annotation.quadPoints))
            : lineBeside(runs, annotation.rect);
        if (!span) continue;
        remarks.set(annotation.id, {
          page: number,
          id,
          author,
          body,
          created,
          quote: selectorOf(text, span),
          replies: [],
        });
      }
    }
  } finally {
    await doc.destroy();
  }
  for (const { to, reply } of replies) remarks.get(to)?.replies.push(reply);
  const language = textOf(raw?.catalog.lookup(PDFName.of('Lang')));
  return { remarks: [...remarks.values()], ...(language ? { language } : {}) };
}
