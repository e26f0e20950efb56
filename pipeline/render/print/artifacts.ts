/**
 * PDF/UA wants everything a page paints to be either tagged content or an artifact. Chromium tags
 * what its accessibility tree holds and leaves the rest (running heads, page numbers, the draft
 * watermark, backgrounds and rules) outside any marked content; here each such graphics object
 * is wrapped as an `/Artifact`: those drawn before the page area's clip (the margin boxes) as
 * pagination artifacts, the others as layout.
 */
import type { PDFDocument } from 'pdf-lib';
import { contentStreams } from './page-numbers.js';
import { PageStreams } from './content.js';

/** An operator and where it stands with its operands. */
interface Instruction {
  op: string;
  start: number;
  end: number;
}

/** Whitespace and delimiters of PDF syntax, by character code. */
const whitespace = new Set([0, 9, 10, 12, 13, 32]);
const delimiters = new Set([...'()<>[]{}/%'].map((character) => character.charCodeAt(0)));
const regular = (code: number) => !whitespace.has(code) && !delimiters.has(code);

/** Operators that build a path, and those that end one. */
const pathBuilding = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're', 'W', 'W*']);
const pathPainting = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const textShowing = new Set(['Tj', 'TJ', "'", '"']);

/** Whether a token is a number (`-12`, `.5`, `3.`): a sign, digits, at most one point. */
function isNumber(token: string): boolean {
  let digits = 0;
  let points = 0;
  for (const [index, character] of [...token].entries()) {
    if ((character === '+' || character === '-') && index === 0) continue;
    if (character === '.') points++;
    else if (character >= '0' && character <= '9') digits++;
    else return false;
  }
  return digits > 0 && points <= 1;
}

/**
 * A content stream's operators, each with its operands: strings, names, arrays and dictionaries
 * are skipped whole, an inline image's data too.
 */
export function instructions(text: string): Instruction[] {
  const found: Instruction[] = [];
  const length = text.length;
  let at = 0;
  let operands = -1;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (whitespace.has(code)) {
      at++;
      continue;
    }
    const character = text[at];
    if (character === '%') {
      while (at < length && text[at] !== '\n' && text[at] !== '\r') at++;
      continue;
    }
    if (operands < 0) operands = at;
    if (character === '(') {
      let depth = 0;
      for (; at < length; at++) {
        const next = text[at];
        if (next === '\\') at++;
        else if (next === '(') depth++;
        else if (next === ')' && --depth === 0) break;
      }
      at++;
    } else if (character === '<') {
      if (text[at + 1] === '<') at += 2;
      else {
        const close = text.indexOf('>', at);
        at = close < 0 ? length : close + 1;
      }
    } else if (character === '>') at += text[at + 1] === '>' ? 2 : 1;
    else if (character === '[' || character === ']' || character === '{' || character === '}') at++;
    else if (character === '/') {
      at++;
      while (at < length && regular(text.charCodeAt(at))) at++;
    } else {
      let end = at;
      while (end < length && regular(text.charCodeAt(end))) end++;
      if (end === at) end++;
      const token = text.slice(at, end);
      at = end;
      if (isNumber(token) || token === 'true' || token === 'false' || token === 'null') continue;
      found.push({ op: token, start: operands, end });
      operands = -1;
      if (token === 'ID') {
        // An inline image's data runs to `EI` after whitespace.
        const close = /\sEI(?=\s|$)/g;
        close.lastIndex = at;
        const match = close.exec(text);
        const stop = match ? match.index + match[0].length : length;
        found.push({ op: 'EI', start: at, end: stop });
        at = stop;
      }
    }
  }
  return found;
}

/**
 * Wrap what a content stream paints outside marked content as artifacts.
 *
 * @param text The stream's text.
 * @param first Whether it is the page's first stream (where the margin boxes are drawn).
 * @returns The text, and how many graphics objects were marked.
 */
export function markArtifacts(text: string, first = true): { text: string; marked: number } {
  const list = instructions(text);
  const wraps: { start: number; end: number; pagination: boolean }[] = [];
  let depth = 0;
  let clipped = !first;
  for (let index = 0; index < list.length; index++) {
    const { op, start } = list[index]!;
    if (op === 'BDC' || op === 'BMC') depth++;
    else if (op === 'EMC') depth = Math.max(0, depth - 1);
    if (depth > 0 || op === 'BDC' || op === 'BMC' || op === 'EMC') continue;
    if (op === 'BT') {
      let last = index + 1;
      let tagged = false;
      let shows = false;
      for (; last < list.length && list[last]!.op !== 'ET'; last++) {
        const inner = list[last]!.op;
        if (inner === 'BDC' || inner === 'BMC') tagged = true;
        if (textShowing.has(inner)) shows = true;
      }
      if (!tagged && shows && last < list.length) wraps.push({ start, end: list[last]!.end, pagination: !clipped });
      index = last;
    } else if (pathBuilding.has(op)) {
      let last = index;
      let clip = false;
      while (last < list.length && pathBuilding.has(list[last]!.op)) {
        if (list[last]!.op.startsWith('W')) clip = true;
        last++;
      }
      const end = list[last];
      if (end && pathPainting.has(end.op) && end.op !== 'n') wraps.push({ start, end: end.end, pagination: !clipped });
      if (clip) clipped = true;
      index = end && pathPainting.has(end.op) ? last : last - 1;
    } else if (op === 'Do' || op === 'sh' || op === 'EI') {
      wraps.push({
        start: op === 'EI' ? (list[index - 2]?.start ?? start) : start,
        end: list[index]!.end,
        pagination: !clipped,
      });
    }
  }
  if (wraps.length === 0) return { text, marked: 0 };
  let out = '';
  let at = 0;
  for (const wrap of wraps) {
    out += text.slice(at, wrap.start);
    out += wrap.pagination ? '/Artifact <</Type /Pagination >>BDC\n' : '/Artifact BMC\n';
    out += text.slice(wrap.start, wrap.end);
    out += '\nEMC';
    at = wrap.end;
  }
  return { text: out + text.slice(at), marked: wraps.length };
}

/**
 * Mark the artifacts of every page of a document (a certificate's; the book's are marked in the
 * pass that cleans its pages).
 *
 * @param doc The printed PDF.
 */
export async function markDocumentArtifacts(doc: PDFDocument): Promise<void> {
  const streams = new PageStreams(doc);
  for (const page of doc.getPages()) {
    for (const [at, ref] of contentStreams(page).entries()) {
      const text = streams.read(ref);
      if (text === undefined) continue;
      const marked = markArtifacts(text, at === 0);
      if (marked.marked > 0) await streams.store(ref, marked.text);
    }
  }
  await streams.flush();
}
