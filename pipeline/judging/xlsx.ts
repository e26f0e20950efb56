/**
 * A score sheet saved by a spreadsheet as `.xlsx` (Office Open XML), read as untrusted input:
 * the zip through `shared/zip.ts` (sizes counted as it unpacks), the workbook's first sheet and
 * its shared strings scanned for cells, without an XML library and without a pattern that could
 * take more than linear time. Each cell keeps its row and column, where its messages point.
 */
import { readEntry, zipEntries, ZipProblem } from '../shared/zip.js';

/** A cell and where it is: its row as `line`, its column as `column` (from 1). */
interface Cell {
  value: string;
  line: number;
  column: number;
}

/** Limits of a workbook: a score sheet is a few kilobytes. */
const limits = { entries: 500, part: 16 * 1024 * 1024, rows: 10_000, columns: 100 } as const;

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities and character references resolved. */
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name] ?? whole;
  });

/** The elements named `tag` in XML, each as its attributes' text and its content (empty when self-closed). */
function* elements(xml: string, tag: string): Generator<{ attributes: string; content: string }, void, undefined> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let at = 0;
  for (;;) {
    const start = xml.indexOf(open, at);
    if (start === -1) return;
    const after = xml[start + open.length];
    // `<c` is not `<col`: the name ends at a space, `>` or `/`.
    if (after !== ' ' && after !== '>' && after !== '/' && after !== '\t' && after !== '\n' && after !== '\r') {
      at = start + open.length;
      continue;
    }
    const end = xml.indexOf('>', start);
    if (end === -1) return;
    const attributes = xml.slice(start + open.length, end);
    if (attributes.endsWith('/')) {
      yield { attributes: attributes.slice(0, -1), content: '' };
      at = end + 1;
      continue;
    }
    const finish = xml.indexOf(close, end);
    if (finish === -1) return;
    yield { attributes, content: xml.slice(end + 1, finish) };
    at = finish + close.length;
  }
}

/** An attribute's value, if the element has it. */
const attribute = (attributes: string, name: string) => {
  // Each attribute follows white space: a match can start only there, so the scan stays linear.
  for (const match of ` ${attributes}`.matchAll(/\s([\w:]+)="([^"]*)"/g))
    if (match[1] === name) return decode(match[2] ?? '');
  return undefined;
};

/** The text of an element's `<t>` runs (a shared string, an inline string), joined. */
const texts = (xml: string) => [...elements(xml, 't')].map((run) => decode(run.content)).join('');

/** Column letters → its number: `A` is 1, `AA` 27. */
function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

/**
 * The first sheet of a workbook, as rows of cells.
 *
 * @param bytes The `.xlsx` file.
 * @returns Its rows (each cell with its row as `line`, its column as `column`), or what is wrong
 *   with it (`size`: larger than a score sheet can be).
 */
export function readWorkbook(bytes: Uint8Array): { rows: Cell[][] } | { problem: string; kind: 'format' | 'size' } {
  try {
    const entries = zipEntries(bytes, limits.entries);
    const part = (name: string) => {
      const entry = entries.find((candidate) => candidate.name === name && !candidate.folder && !candidate.link);
      return entry
        ? new TextDecoder('utf-8', { fatal: false }).decode(readEntry(bytes, entry, limits.part))
        : undefined;
    };
    const workbook = part('xl/workbook.xml');
    if (workbook === undefined)
      return {
        problem: 'Unexpected file, expected a spreadsheet saved as `.xlsx` (no workbook in it)',
        kind: 'format',
      };
    // The first sheet, through the workbook's relationships; `sheet1.xml` when they say nothing.
    const first = elements(workbook, 'sheet').next().value;
    const id = first ? attribute(first.attributes, 'r:id') : undefined;
    const relation = [...elements(part('xl/_rels/workbook.xml.rels') ?? '', 'Relationship')].find(
      (candidate) => attribute(candidate.attributes, 'Id') === id,
    );
    const target = relation ? attribute(relation.attributes, 'Target') : undefined;
    const path = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
    const sheet = part(path);
    if (sheet === undefined) return { problem: `Unexpected workbook without its sheet \`${path}\``, kind: 'format' };
    const shared = [...elements(part('xl/sharedStrings.xml') ?? '', 'si')].map((item) => texts(item.content));
    const rows: Cell[][] = [];
    let line = 0;
    for (const row of elements(sheet, 'row')) {
      line = Number(attribute(row.attributes, 'r') ?? line + 1);
      const cells: Cell[] = [];
      let column = 0;
      for (const cell of elements(row.content, 'c')) {
        const reference = /^([A-Z]{1,3})\d+$/.exec(attribute(cell.attributes, 'r') ?? '');
        column = reference ? columnNumber(reference[1] ?? 'A') : column + 1;
        if (column > limits.columns)
          return {
            problem: `Unexpected cell in column ${column} of row ${line}, expected a score sheet of at most ${limits.columns} columns`,
            kind: 'size',
          };
        const type = attribute(cell.attributes, 't');
        const raw = elements(cell.content, 'v').next().value?.content ?? '';
        const value =
          type === 's'
            ? (shared[Number(raw)] ?? '')
            : type === 'inlineStr'
              ? texts(cell.content)
              : type === 'b'
                ? raw === '1'
                  ? 'TRUE'
                  : 'FALSE'
                : decode(raw);
        // A gap in the row (an empty cell left out) is an empty cell, so columns stay in place.
        while (cells.length < column - 1) cells.push({ value: '', line, column: cells.length + 1 });
        cells[column - 1] = { value, line, column };
      }
      if (cells.some((cell) => cell.value.trim() !== '')) rows.push(cells);
      if (rows.length > limits.rows)
        return { problem: `Unexpected sheet of more than ${limits.rows} rows, expected a score sheet`, kind: 'size' };
    }
    return { rows };
  } catch (cause) {
    if (cause instanceof ZipProblem) return { problem: cause.message, kind: cause.kind };
    throw cause;
  }
}
