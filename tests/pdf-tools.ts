/** Reading PDF facts with poppler and qpdf, as a reader's tools would see them. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { roman } from '../pipeline/data/numerals.js';

/**
 * Text of one page, laid out.
 *
 * @param pdf Path of the PDF.
 * @param page Page number, 1-based.
 * @param mode `layout` keeps columns; `raw` keeps the order of the content stream (rotated text).
 * @returns The page's text.
 */
export function pageText(pdf: string, page: number, mode: 'layout' | 'raw' = 'layout'): string {
  return execFileSync('pdftotext', [`-${mode}`, '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
}

/**
 * `pdfinfo` fields.
 *
 * @param pdf Path of the PDF.
 * @returns Field name → value.
 */
export function pdfInfo(pdf: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/** A bookmark as qpdf reports it. */
export interface Bookmark {
  title: string;
  page: number;
  kids: Bookmark[];
}

/**
 * The document outline.
 *
 * @param pdf Path of the PDF.
 * @returns Top-level bookmarks with their children.
 */
export function outline(pdf: string): Bookmark[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' })) as {
    outlines: RawBookmark[];
  };
  const convert = (items: RawBookmark[]): Bookmark[] =>
    items.map((item) => ({ title: item.title, page: item.destpageposfrom1, kids: convert(item.kids) }));
  return convert(json.outlines);
}

interface RawBookmark {
  title: string;
  destpageposfrom1: number;
  kids: RawBookmark[];
}

/**
 * Fonts of a PDF.
 *
 * @param pdf Path of the PDF.
 * @returns One record per font: its name and whether it is embedded.
 */
export function fonts(pdf: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type... emb sub uni object ID: "emb" is the fifth column from the end.
    return { name: columns[0] ?? '', embedded: columns.at(-5) === 'yes' };
  });
}

/** Words of a page (default the first) with their boxes (points from the top left), in reading order. */
export function words(pdf: string, page = 1): { text: string; box: number[] }[] {
  const boxes = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  const found = [
    ...boxes.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ];
  return found
    .map(([, ...values]) => ({ text: values[4] ?? '', box: values.slice(0, 4).map(Number) }))
    .sort((a, b) => (a.box[1] ?? 0) - (b.box[1] ?? 0) || (a.box[0] ?? 0) - (b.box[0] ?? 0));
}

/**
 * What each page is called, from the PDF's `/PageLabels` (`i`, `ii`, … then `1`, `2`, …).
 *
 * @param pdf Path of the PDF.
 * @returns One label per page; page numbers when the PDF has no labels.
 */
export function pageLabels(pdf: string): string[] {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json', '--json-key=pagelabels', '--json-key=pages', pdf], { encoding: 'utf8' }),
  ) as {
    pagelabels: { index: number; label: { '/S'?: string; '/St'?: number } }[];
    pages: unknown[];
  };
  const ranges = [...json.pagelabels].sort((a, b) => a.index - b.index);
  return json.pages.map((_, index) => {
    const range = ranges.filter((item) => item.index <= index).at(-1);
    if (!range) return String(index + 1);
    const number = (range.label['/St'] ?? 1) + index - range.index;
    return range.label['/S'] === '/r' ? roman(number) : String(number);
  });
}

/**
 * How full each page is: from the top of its text block (24 mm) to the foot of its last line of
 * text or drawing's text above the folio, as a share of the text block's height.
 *
 * @param pdf Path of the PDF.
 * @returns One share, 0 to 1, per page; 0 for a page with no text in its text block.
 */
export function pageFill(pdf: string): number[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const millimetre = 72 / 25.4;
  return [...html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, height, body]) => {
    const top = 24 * millimetre;
    const bottom = Number(height) - 24 * millimetre;
    const feet = [...(body ?? '').matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)]
      .map((match) => ({ from: Number(match[1]), to: Number(match[2]) }))
      .filter((line) => line.from >= top - 2 && line.to <= bottom + 2)
      .map((line) => line.to);
    return feet.length === 0 ? 0 : Math.min(1, (Math.max(...feet) - top) / (bottom - top));
  });
}

/**
 * Pages that are not full for a reason: the last page of a part (the next page opens a chapter,
 * a part, the references, a case, the indices, or is blank) and the last page of the book.
 * Every other page should be full: a page the text below could have filled is a defect of
 * composition.
 *
 * @param pdf Path of the PDF.
 * @param headings Titles that open pages of their own without a bookmark (the lists of figures
 *   and tables).
 * @returns Each page that is neither the cover nor the last of a part, with how full it is.
 */
export function innerPages(pdf: string, headings: readonly string[] = []): { page: number; fill: number }[] {
  const fill = pageFill(pdf);
  const marks = outline(pdf);
  // Top-level entries and the compendium's (cases, indices) open pages of their own; so do the
  // front matter's lists, named by their headings.
  const openers = new Set([...marks, ...(marks.at(-1)?.kids ?? [])].map((mark) => mark.page));
  for (let page = 2; page <= fill.length; page++)
    if (headings.includes(firstLine(pageText(pdf, page, 'raw')))) openers.add(page);
  return fill.flatMap((share, index) => {
    const page = index + 1;
    const next = page + 1;
    const end = page === fill.length || openers.has(next) || fill[next - 1] === 0;
    return page === 1 || end || share === 0 ? [] : [{ page, fill: share }];
  });
}

/**
 * The last page of each case of the compendium (the last bookmark of the outline), with how full
 * it is: a short case should not leave most of its last page empty.
 *
 * @param pdf Path of the PDF.
 * @returns One entry per case, in book order.
 */
export function caseEnds(pdf: string): { title: string; page: number; fill: number }[] {
  const fill = pageFill(pdf);
  const kids = outline(pdf).at(-1)?.kids ?? [];
  // The last kid is the indices: each case ends on the page before the next kid opens.
  return kids.slice(0, -1).map((kid, index) => {
    const page = (kids[index + 1]?.page ?? fill.length + 1) - 1;
    return { title: kid.title, page, fill: fill[page - 1] ?? 0 };
  });
}

/** A page's first line of text that is not its folio. */
function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !/^(\d+|[ivxlcdm]+)$/.test(line)) ?? ''
  );
}

/**
 * Pages' text as running text: lines joined, words hyphenated at a line end joined again, every
 * run of white space one space. What a reader's search sees, not where lines break.
 *
 * @param pages Text of each page.
 * @returns One line.
 */
export function flowText(pages: readonly string[]): string {
  return (
    pages
      .join('\n')
      .replace(/(\p{Ll})-\n\s*(\p{Ll})/gu, '$1$2')
      .replace(/\s+/g, ' ')
      // A line that broke before a closing full stop (Korean, Chinese) reads without the space.
      .replace(/ ([.,;:!?])(?= |$)/g, '$1')
  );
}

/** A page drawn in grey levels: width, height, one byte per pixel. */
export interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Draw a page of a PDF in grey levels, small (poppler's `pdftoppm`, PGM).
 *
 * @param pdf Path of the PDF.
 * @param page Page (1-based).
 * @param dpi Resolution; 20 keeps the layout and loses the type's detail.
 * @returns The image.
 */
export function greyPage(pdf: string, page: number, dpi = 20): Grey {
  return readPgm(execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf]));
}

/** A binary PGM (P5, 8 bits) → its pixels. */
export function readPgm(data: Buffer): Grey {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}

/** The same image as a binary PGM. */
export function writePgm(image: Grey): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.pixels]);
}

/**
 * How far two drawings of a page are apart: the share of pixels whose grey differs by more than a
 * quarter of the range (0: the same layout; a moved block or a new line shows as a few percent).
 */
export function pixelDifference(a: Grey, b: Grey): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let index = 0; index < a.pixels.length; index++)
    if (Math.abs((a.pixels[index] ?? 0) - (b.pixels[index] ?? 0)) > 64) differing++;
  return differing / a.pixels.length;
}

/**
 * How far a certificate's foot is from symmetric about the page's axis, in points: the seal and
 * the signatures (names and roles) pair off about it, the edition line is centred on it.
 *
 * @param pdf A certificate (page 1).
 * @param names The signatories' names, as printed.
 * @param seal The seal's text (the tier's name, upper case): its words, on one line or more.
 * @returns The page's width, the seal's centre, each name's centre and the edition line's centre.
 */
export function certificateFoot(
  pdf: string,
  names: readonly string[],
  seal: string,
): { width: number; seal: number; names: number[]; edition: number } {
  const all = words(pdf);
  const width = Number(/Page size:\s+([\d.]+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
  const centre = (found: { box: number[] }[]) =>
    (Math.min(...found.map(({ box }) => box[0] ?? 0)) + Math.max(...found.map(({ box }) => box[2] ?? 0))) / 2;
  const lowest = Math.max(...all.map(({ box }) => box[3] ?? 0));
  // The foot: the lowest fifth of the words' extent.
  const foot = all.filter(({ box }) => (box[1] ?? 0) > lowest * 0.7);
  const line = (text: string) => {
    const first = text.split(' ')[0] ?? '';
    const start = foot.find((word) => word.text === first);
    return foot.filter(
      (word) => start && Math.abs((word.box[1] ?? 0) - (start.box[1] ?? 0)) < 2 && text.split(' ').includes(word.text),
    );
  };
  const editionLine = foot.filter(({ box }) => (box[1] ?? 0) >= Math.max(...foot.map((word) => word.box[1] ?? 0)) - 1);
  return {
    width,
    seal: centre(foot.filter((word) => seal.split(' ').includes(word.text))),
    names: names.map((name) => centre(line(name))),
    edition: centre(editionLine),
  };
}

/** A structure element of a tagged PDF: its type, its alternative and actual text, language and a table cell's scope. */
export interface StructElement {
  type: string;
  alt: string | null;
  actualText: string | null;
  lang: string | null;
  /** `/Scope` of its attributes (`/A`), for table headers. */
  scope: string | null;
}

/**
 * Every structure element of a tagged PDF, walked from its `StructTreeRoot` (the logical
 * structure screen readers follow), in document order.
 *
 * @param bytes The PDF.
 */
export async function structElements(bytes: Uint8Array): Promise<StructElement[]> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFHexString, PDFString } = await import('pdf-lib');
  type Dict = import('pdf-lib').PDFDict;
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const text = (dict: Dict, key: string) => {
    const value = dict.lookup(PDFName.of(key));
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
  };
  const found: StructElement[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown) => {
    const value = node;
    if (value instanceof PDFArray) {
      for (let index = 0; index < value.size(); index++) visit(value.lookup(index));
      return;
    }
    if (!(value instanceof PDFDict) || seen.has(value)) return;
    seen.add(value);
    const type = value.lookup(PDFName.of('S'));
    const attributes = value.lookup(PDFName.of('A'));
    const scope = [
      attributes instanceof PDFArray ? attributes.asArray().map((item) => doc.context.lookup(item)) : [attributes],
    ]
      .flat()
      .map((item) => (item instanceof PDFDict ? item.lookup(PDFName.of('Scope')) : undefined))
      .find((item) => item instanceof PDFName);
    if (type instanceof PDFName)
      found.push({
        type: type.decodeText(),
        alt: text(value, 'Alt'),
        actualText: text(value, 'ActualText'),
        lang: text(value, 'Lang'),
        scope: scope instanceof PDFName ? scope.decodeText() : null,
      });
    visit(value.lookup(PDFName.of('K')));
  };
  visit(doc.catalog.lookup(PDFName.of('StructTreeRoot')));
  return found;
}

/**
 * What a tagged PDF's text says of its tagging and languages, page by page (pdf.js's structure
 * tree and marked content): text outside any marked content, text marked as an artifact, and
 * text in Chinese, Japanese or Korean script whose structure element (or an ancestor, or the
 * document) declares another language.
 *
 * @param bytes The PDF.
 * @param documentLanguage The document's `/Lang`.
 */
export async function taggedText(
  bytes: Uint8Array,
  documentLanguage: string,
): Promise<{ untagged: string[]; artifacts: string[][]; misdeclared: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const untagged: string[] = [];
  const artifacts: string[][] = [];
  const misdeclared: string[] = [];
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  type Node = { role?: string; lang?: string; type?: string; id?: string; children?: Node[] };
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const texts = new Map<string, string>();
      const stack: { tag: string; id: string | undefined }[] = [];
      const onPage: string[] = [];
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as {
        type?: string;
        tag?: string;
        id?: string;
        str?: string;
      }[]) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          stack.push({ tag: item.tag ?? '', id: item.id });
          continue;
        }
        if (item.type === 'endMarkedContent') {
          stack.pop();
          continue;
        }
        const str = item.str ?? '';
        if (!str.trim()) continue;
        if (stack.length === 0) untagged.push(`p${number}: ${str}`);
        else if (stack.some((entry) => entry.tag === 'Artifact')) onPage.push(str.trim());
        const id = [...stack].reverse().find((entry) => entry.id)?.id;
        if (id) texts.set(id, (texts.get(id) ?? '') + str);
      }
      artifacts.push(onPage);
      const walk = (node: Node, lang: string) => {
        const own = node.lang ?? lang;
        if (node.type === 'content' && node.id) {
          const text = texts.get(node.id) ?? '';
          if (cjk.test(text) && !/^(zh|ja|ko)\b/.test(own)) misdeclared.push(`p${number} (${own}): ${text}`);
        }
        for (const child of node.children ?? []) walk(child, own);
      };
      const tree = (await page.getStructTree()) as Node | null;
      if (tree) walk(tree, documentLanguage);
    }
  } finally {
    await doc.destroy();
  }
  return { untagged, artifacts, misdeclared };
}

/**
 * A PDF's XMP metadata packet, as its catalog's `/Metadata` stream holds it.
 *
 * @param pdf Path to the PDF.
 * @returns The packet's text; `''` without one.
 */
export async function metadataOf(pdf: string): Promise<string> {
  const { PDFDocument, PDFName, PDFRawStream } = await import('pdf-lib');
  const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream)) return '';
  const bytes = stream.dict.get(PDFName.of('Filter')) ? inflateSync(stream.contents) : stream.contents;
  return new TextDecoder().decode(bytes);
}
