/**
 * Page numbers written into a printed PDF, so that a book with a numbered table of contents
 * is printed once.
 *
 * Chromium cannot number the pages of a table of contents (`target-counter()`). Instead, each
 * page-number box is printed holding a placeholder in tiny type: the ten digits and the letters
 * of roman numerals in order, then the number of the placeholder (`0123456789ivxlcdm` + `17`).
 * They make the font subset carry every glyph a page number needs, and tell which glyph is
 * which; the number says whose page the box shows. After
 * the print, each placeholder's text object is replaced by the page number at the box's font
 * size, ending where the placeholder ended (the boxes are right-aligned). The layout is the
 * printed one, so the numbers are right by construction, and the PDF keeps its tags: the new
 * text stays inside the placeholder's marked content.
 */
import { PageStreams, readStream } from './content.js';
import { destinationId } from './finish.js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFObject, type PDFPage } from 'pdf-lib';

/** The digits every placeholder starts with. */
const digits = '0123456789';

/**
 * The letters of roman numerals, after the digits in the placeholders of a book whose front
 * matter is numbered so. (Only there: Skia's Type 3 fonts put letters in a font of their own,
 * which a placeholder cannot span; the book is then printed again with its numbers.)
 */
const numerals = 'ivxlcdm';

/** How much smaller than the box's own type the placeholder is set (`font-size: 0.125em`). */
export const placeholderScale = 8;

/**
 * How far (CSS pixels, the print's text space) a placeholder stands in from the end of its box:
 * right-aligned at the edge of the page area, its last glyph was culled from the PDF (Skia drops a
 * glyph whose bounds cross the clip), and the placeholder was not found. The number written in
 * its place ends at the edge again.
 */
const placeholderInset = 1;

/** CSS that sets the placeholders small, so that any of them fits the box. */
export const placeholderCss = `.toc-page-slot { font-size: ${1 / placeholderScale}em !important; font-kerning: none; font-variant-ligatures: none; letter-spacing: 0; padding-right: ${placeholderInset}px; }`;

/**
 * The placeholder printed for an element.
 *
 * @param index Number of the element among those with a placeholder.
 * @param roman Also carry the letters of roman numerals.
 * @returns The placeholder's text.
 */
export function placeholderText(index: number, roman = false): string {
  return `${digits}${index}${roman ? numerals : ''}`;
}

/**
 * Count the placeholders a print document shows.
 *
 * @param html The print document.
 * @returns How many page-number boxes hold a placeholder.
 */
export function countPlaceholders(html: string): number {
  return html.match(new RegExp(`>${digits}\\d+(?:${numerals})?<`, 'g'))?.length ?? 0;
}

/** A text object (`BT … ET`) that holds a placeholder. */
interface Placeholder {
  start: number;
  end: number;
  font: string;
  info: FontInfo;
  size: number;
  matrix: number[];
  /** Code of each of `glyphs` in the font. */
  codes: number[];
  /** The glyphs the placeholder carries: the digits, and the letters of roman numerals if it has them. */
  glyphs: string;
  /** Where the placeholder ends, in text space from the text object's origin. */
  width: number;
  index: number;
}

/** What the filler needs of a font: code length, advances, and what each code stands for. */
interface FontInfo {
  bytes: 1 | 2;
  /** Advance of a code, in text space at size 1. */
  advance: (code: number) => number;
  unicode: ReadonlyMap<number, string>;
  /** How each code that stands for 0 is written in a string, with its opening `<`. */
  zeros: string[];
}

/**
 * Replace every placeholder on the given pages by its page number.
 *
 * @param doc The printed PDF; changed in place.
 * @param pages Page label (`iii`, `12`) of the element each placeholder number stands for; a placeholder
 *   whose element has no page is left blank.
 * @param expected How many placeholders the print document held.
 * @param among Pages (1-based) that may hold placeholders.
 * @returns Whether exactly `expected` placeholders were found and replaced. When not, the
 *   document may be half changed and must be printed again.
 */
export function fillPageNumbers(
  doc: PDFDocument,
  pages: readonly (number | string | undefined)[],
  expected: number,
  among: Iterable<number>,
  streams?: PageStreams,
): boolean {
  // Without a caller's streams, the edits are compressed here, before returning.
  const edits = streams ?? new PageStreams(doc);
  const filled = fill(doc, pages, expected, among, edits);
  if (!streams) edits.flushSync();
  return filled;
}

function fill(
  doc: PDFDocument,
  pages: readonly (number | string | undefined)[],
  expected: number,
  among: Iterable<number>,
  streams: PageStreams,
): boolean {
  let found = 0;
  const all = doc.getPages();
  for (const number of among) {
    const page = all[number - 1];
    if (!page) return false;
    const fonts = new Map<string, FontInfo | undefined>();
    const fontOf = (name: string) => {
      if (!fonts.has(name))
        fonts.set(
          name,
          fontInfo(doc, page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict)?.get(PDFName.of(name))),
        );
      return fonts.get(name);
    };
    for (const ref of contentStreams(page)) {
      const text = streams.read(ref);
      if (text === undefined) return false;
      const placeholders = findPlaceholders(text, fontOf);
      if (placeholders.length === 0) continue;
      found += placeholders.length;
      let patched = '';
      let at = 0;
      for (const placeholder of placeholders) {
        const target = pages[placeholder.index];
        // A label whose glyphs the placeholder does not carry (roman numerals in a digits-only one).
        if ([...String(target ?? '')].some((glyph) => !placeholder.glyphs.includes(glyph))) return false;
        patched +=
          text.slice(at, placeholder.start) + (target === undefined ? '' : numberText(placeholder, String(target)));
        at = placeholder.end;
      }
      patched += text.slice(at);
      streams.write(ref, patched);
    }
  }
  return found === expected;
}

/**
 * Pages whose links point at some of the given elements: where the contents, lists and indices
 * that show those elements' pages stand.
 *
 * @param doc The printed PDF.
 * @param ids Elements with a placeholder.
 * @returns Pages, 1-based.
 */
export function pagesLinkingTo(doc: PDFDocument, ids: ReadonlySet<string>): number[] {
  return [...linksPerPage(doc, ids).keys()];
}

/**
 * How many links to some destinations each page holds.
 *
 * @param doc A PDF Chromium printed.
 * @param ids Names of the destinations.
 * @returns Page (1-based) → number of links to them, for the pages that have any, in page order.
 */
export function linksPerPage(doc: PDFDocument, ids: ReadonlySet<string>): Map<number, number> {
  const result = new Map<number, number>();
  for (const [index, page] of doc.getPages().entries()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
    const links = annotations.filter((annotation) => {
      const dest = doc.context.lookup(annotation, PDFDict).get(PDFName.of('Dest'));
      return dest instanceof PDFName && ids.has(destinationId(dest.decodeText()));
    }).length;
    if (links > 0) result.set(index + 1, links);
  }
  return result;
}

export function contentStreams(page: PDFPage): PDFRef[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const value = contents instanceof PDFRef ? page.doc.context.lookup(contents) : contents;
  if (value instanceof PDFArray) return value.asArray().filter((item): item is PDFRef => item instanceof PDFRef);
  return contents instanceof PDFRef ? [contents] : [];
}

const fontCache = new WeakMap<PDFDict, FontInfo | undefined>();

/** A font's codes and advances: Type0 with Identity-H (Skia's TrueType) or a simple font (Skia's Type3). */
function fontInfo(doc: PDFDocument, reference: PDFObject | undefined): FontInfo | undefined {
  const font = doc.context.lookup(reference);
  if (!(font instanceof PDFDict)) return undefined;
  if (fontCache.has(font)) return fontCache.get(font);
  const number = (value: PDFObject | undefined) => {
    const resolved = doc.context.lookup(value);
    return resolved instanceof PDFNumber ? resolved.asNumber() : undefined;
  };
  const numbers = (key: string) => font.lookupMaybe(PDFName.of(key), PDFArray)?.asArray().map(number) ?? [];
  const toUnicode = readStream(doc, font.get(PDFName.of('ToUnicode')));
  const unicode = toUnicode === undefined ? new Map<number, string>() : readCMap(toUnicode);
  const subtype = font.get(PDFName.of('Subtype'));
  let info: FontInfo | undefined;
  if (subtype === PDFName.of('Type0')) {
    const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
    if (descendant && font.get(PDFName.of('Encoding')) === PDFName.of('Identity-H')) {
      const fallback = number(descendant.get(PDFName.of('DW'))) ?? 1000;
      const widths = new Map<number, number>();
      const list =
        descendant
          .lookupMaybe(PDFName.of('W'), PDFArray)
          ?.asArray()
          .map((item) => doc.context.lookup(item)) ?? [];
      for (let index = 0; index < list.length;) {
        const first = number(list[index]);
        const next = list[index + 1];
        if (first === undefined) break;
        if (next instanceof PDFArray) {
          next.asArray().forEach((width, offset) => widths.set(first + offset, number(width) ?? fallback));
          index += 2;
        } else {
          const [last, width] = [number(next), number(list[index + 2])];
          if (last === undefined || width === undefined) break;
          for (let code = first; code <= last; code++) widths.set(code, width);
          index += 3;
        }
      }
      info = {
        bytes: 2,
        advance: (code) => (widths.get(code) ?? fallback) / 1000,
        unicode,
        zeros: zerosOf(unicode, 2),
      };
    }
  } else {
    const firstChar = number(font.get(PDFName.of('FirstChar'))) ?? 0;
    const widths = numbers('Widths');
    // Type3 glyphs are measured in their own space; other simple fonts in 1/1000.
    const scale = subtype === PDFName.of('Type3') ? (numbers('FontMatrix')[0] ?? 0.001) : 0.001;
    info = {
      bytes: 1,
      advance: (code) => (widths[code - firstChar] ?? 0) * scale,
      unicode,
      zeros: zerosOf(unicode, 1),
    };
  }
  fontCache.set(font, info);
  return info;
}

function zerosOf(unicode: ReadonlyMap<number, string>, bytes: number): string[] {
  return [...unicode]
    .filter(([, text]) => text === '0')
    .flatMap(([code]) => {
      const hex = code.toString(16).padStart(bytes * 2, '0');
      return [`<${hex}`, `<${hex.toUpperCase()}`];
    });
}

/**
 * Read a ToUnicode CMap.
 *
 * @param text The CMap.
 * @returns Code → text.
 */
export function readCMap(text: string): Map<number, string> {
  const result = new Map<number, string>();
  const decode = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{1,4}/g) ?? []).map((unit) => Number.parseInt(unit, 16)));
  for (const [, section = ''] of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code = '', target = ''] of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      result.set(Number.parseInt(code, 16), decode(target));
  }
  for (const [, section = ''] of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low = '', high = '', target = ''] of section.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g,
    )) {
      const first = Number.parseInt(low, 16);
      const last = Number.parseInt(high, 16);
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9A-Fa-f]*)>/g)].forEach(([, hex = ''], offset) =>
          result.set(first + offset, decode(hex)),
        );
      } else {
        const start = decode(target.slice(1, -1));
        const base = start.charCodeAt(start.length - 1);
        for (let code = first; code <= last; code++)
          result.set(code, start.slice(0, -1) + String.fromCharCode(base + code - first));
      }
    }
  }
  return result;
}

const token = /\/[^\s/[\]<>()%]+|<[0-9A-Fa-f]*>|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+|\S/g;

/** What a placeholder shows: the digits, then its number. */
const placeholderShown = new RegExp(`^${digits}(\\d+)(${numerals})?$`);

/**
 * The placeholders in a content stream. Skia writes each run of text as its own text object:
 * codes in hexadecimal `Tj` strings, moved on by `Td` where they do not simply follow each
 * other. A text object with anything else is not a placeholder.
 *
 * @returns The placeholders in stream order.
 */
function findPlaceholders(text: string, fontOf: (name: string) => FontInfo | undefined): Placeholder[] {
  const result: Placeholder[] = [];
  for (const match of text.matchAll(/(?<=^|\s)BT\s([\s\S]*?)\sET(?=\s|$)/g)) {
    const body = match[1] ?? '';
    // Most text objects are read no further: a placeholder starts with its font's 0.
    const name = /^\s*\/([^\s/[\]<>()%]+)\s/.exec(body)?.[1];
    const zeros = name === undefined ? undefined : fontOf(name)?.zeros;
    if (!zeros?.some((zero) => body.includes(zero))) continue;
    const read = readTextObject(body, fontOf);
    if (!read) continue;
    const shown = read.codes.map((code) => read.info.unicode.get(code) ?? '\uFFFD').join('');
    const shownParts = placeholderShown.exec(shown);
    const number = shownParts?.[1];
    const letters = shownParts?.[2] ?? '';
    const glyphs = digits + letters;
    if (number === undefined || read.codes.length !== shown.length) continue;
    result.push({
      start: match.index,
      end: match.index + match[0].length,
      ...read,
      codes: [...read.codes.slice(0, digits.length), ...read.codes.slice(read.codes.length - letters.length)],
      glyphs,
      index: Number(number),
    });
  }
  return result;
}

/**
 * Read a text object made of `Tf`, `Tm`, `Td` and hexadecimal `Tj`.
 *
 * @returns Its font, size, matrix, codes and where the last glyph ends, in text space.
 */
function readTextObject(
  body: string,
  fontOf: (name: string) => FontInfo | undefined,
): Omit<Placeholder, 'start' | 'end' | 'index' | 'glyphs'> | undefined {
  const operands: string[] = [];
  let font: string | undefined;
  let info: FontInfo | undefined;
  let size = 0;
  let matrix: number[] | undefined;
  // `Td` moves the start of the line; a `Tj` string runs on from there.
  let line = 0;
  let width = 0;
  const codes: number[] = [];
  for (const [word] of body.matchAll(token)) {
    if (!/^[A-Za-z'"*]+$/.test(word)) {
      operands.push(word);
      continue;
    }
    const [first = '', second = ''] = operands;
    if (word === 'Tf' && operands.length === 2 && first.startsWith('/') && font === undefined) {
      font = first.slice(1);
      info = fontOf(font);
      size = Number(second);
    } else if (word === 'Tm' && operands.length === 6 && matrix === undefined) {
      matrix = operands.map(Number);
    } else if (word === 'Td' && operands.length === 2 && Number(second) === 0) {
      line += Number(first);
    } else if (
      word === 'Tj' &&
      info &&
      operands.length === 1 &&
      first.startsWith('<') &&
      (first.length - 2) % (info.bytes * 2) === 0
    ) {
      width = line;
      for (const hex of first.slice(1, -1).match(new RegExp(`.{${info.bytes * 2}}`, 'g')) ?? []) {
        const code = Number.parseInt(hex, 16);
        codes.push(code);
        width += info.advance(code) * size;
      }
    } else return undefined;
    operands.length = 0;
  }
  const valid =
    font !== undefined && info !== undefined && matrix?.every(Number.isFinite) && Number.isFinite(line) && size > 0;
  return valid
    ? { font: font as string, info: info as FontInfo, size, matrix: matrix as number[], codes, width }
    : undefined;
}

/** The text object that shows `number` where `placeholder` was, in the box's own size, ending where it ended. */
function numberText(placeholder: Placeholder, number: string): string {
  const font = placeholder.info;
  const size = placeholder.size * placeholderScale;
  const codes = [...number].map((glyph) => placeholder.codes[placeholder.glyphs.indexOf(glyph)] ?? 0);
  const advances = codes.map((code) => font.advance(code) * size);
  const shift = placeholder.width + placeholderInset - advances.reduce((sum, advance) => sum + advance, 0);
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = placeholder.matrix;
  const hex = codes.map((code) => code.toString(16).padStart(font.bytes * 2, '0')).join('');
  return [
    'BT',
    `/${placeholder.font} ${decimal(size)} Tf`,
    `${[a, b, c, d, e + shift * a, f + shift * b].map(decimal).join(' ')} Tm`,
    `<${hex}> Tj`,
    'ET',
  ].join('\n');
}

function decimal(value: number): string {
  return String(Math.round(value * 1e5) / 1e5);
}
