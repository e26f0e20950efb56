/**
 * Score sheets as judges return them: `judging/scores/<judge>.csv`, one row per case, one column
 * per criterion, a comment column. Every problem is located at its row and column: an unknown
 * case, a score off the scale or missing, a case scored twice, a case the judge has a conflict
 * with.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { conflicted, type Criteria, type JudgedCase, type Judge } from './settings.js';
import { readWorkbook } from './xlsx.js';

/** One judge's scores of one case: criterion id → score. */
export interface Sheet {
  judge: string;
  case: string;
  scores: Readonly<Record<string, number>>;
  comment: string;
}

/** A cell of a sheet and where it starts (in a spreadsheet: its row and column). */
export interface Cell {
  value: string;
  line: number;
  column: number;
}

/**
 * Parse CSV as RFC 4180 writes it (quotes doubled inside quoted fields, CRLF or LF), keeping
 * where each cell starts; a spreadsheet's BOM is dropped.
 *
 * @param text The file.
 * @returns Rows of cells; `undefined` with an unclosed quote (its place).
 */
export function parseCsv(text: string): { rows: Cell[][] } | { unclosed: { line: number; column: number } } {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let line = 1;
  let column = 1;
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  const next = () => {
    const char = text[at++];
    if (char === '\n') {
      line++;
      column = 1;
    } else column++;
    return char;
  };
  while (at < text.length) {
    const start = { line, column };
    let value = '';
    if (text[at] === '"') {
      next();
      for (;;) {
        if (at >= text.length) return { unclosed: start };
        const char = next();
        if (char === '"') {
          if (text[at] === '"') value += next();
          else break;
        } else value += char;
      }
    } else while (at < text.length && !/[,\r\n]/.test(text[at] ?? '')) value += next();
    row.push({ value, ...start });
    if (text[at] === ',') {
      next();
      if (at >= text.length) row.push({ value: '', line, column });
      continue;
    }
    if (text[at] === '\r') next();
    if (text[at] === '\n' || at >= text.length) {
      if (at < text.length) next();
      if (!(row.length === 1 && row[0]?.value === '')) rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return { rows };
}

/**
 * The cells of a sheet: a CSV file's text, or a spreadsheet's first sheet (`.xlsx`, its bytes).
 *
 * @param file The sheet.
 * @returns Its rows, or `undefined` when it cannot be read (the reason is an error on it).
 */
function sheetCells(file: VFile): Cell[][] | undefined {
  if (file.value instanceof Uint8Array) {
    const read = readWorkbook(file.value);
    if ('rows' in read) return read.rows;
    error(file, read.problem, { line: 1, column: 1 }, 'scores-format');
    return undefined;
  }
  const parsed = parseCsv(String(file.value));
  if ('unclosed' in parsed) {
    error(file, 'Unexpected quote never closed, expected `"` ending the field', parsed.unclosed, 'scores-format');
    return undefined;
  }
  return parsed.rows;
}

/** A row of a sheet whose case is one of the book's, the judge may judge, and is in no earlier row. */
export interface SheetRow {
  slug: string;
  /** The row's case cell (where a message about the row stands). */
  at: Cell;
  /** The cell of a column (empty, at the row's start, when the row is short). */
  cell: (column: string) => Cell;
}

/**
 * The rows of a sheet a judge returned (scores, screening verdicts): its header must name the
 * columns; a row of an unknown case, of a case the judge has a conflict with, or of a case
 * already in the sheet is a located error and left out.
 *
 * @param file The CSV file.
 * @param judge The judge whose sheet it is.
 * @param cases The book's cases, by slug.
 * @param columns The columns the sheet must have after `case`; a `comment` column may follow.
 * @returns The rows to read; none when the file or its header is broken (reported on it).
 */
export function sheetRows(
  file: VFile,
  judge: Judge,
  cases: ReadonlyMap<string, JudgedCase>,
  columns: readonly string[],
): SheetRow[] {
  const cells = sheetCells(file);
  if (!cells) return [];
  const [header, ...rows] = cells;
  const names = (header ?? []).map((cell) => cell.value.trim().toLowerCase());
  const missing = columns.filter((column) => !names.includes(column)).map((column) => `\`${column}\``);
  if (!names.includes('case') || missing.length > 0) {
    error(
      file,
      `Unexpected header, expected the columns \`case\`, ${columns.map((column) => `\`${column}\``).join(', ')} and \`comment\`${missing.length > 0 ? ` (missing ${missing.join(', ')})` : ''}`,
      { line: 1, column: 1 },
      'scores-format',
    );
    return [];
  }
  const read: SheetRow[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const first = row[0] ?? { line: 1, column: 1 };
    const cell = (column: string): Cell =>
      row[names.indexOf(column)] ?? { value: '', line: first.line, column: first.column };
    const at = cell('case');
    const slug = at.value.trim();
    const item = cases.get(slug);
    if (!item) {
      error(file, `Unexpected case \`${slug}\`, expected the slug of a file in \`cases/\``, at, 'scores-case-unknown');
      continue;
    }
    if (conflicted(judge, item)) {
      error(
        file,
        `Unexpected score of \`${slug}\` by \`${judge.id}\`, who has a conflict of interest with it: the row is not counted`,
        at,
        'judging-conflict',
      );
      continue;
    }
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      error(
        file,
        `Unexpected second row for \`${slug}\` (also line ${earlier}), expected one row per case`,
        at,
        'scores-duplicate',
      );
      continue;
    }
    seen.set(slug, at.line);
    read.push({ slug, at, cell });
  }
  return read;
}

/**
 * Read one judge's score sheet.
 *
 * @param file The CSV file (`judging/scores/<judge>.csv`).
 * @param judge The judge whose sheet it is.
 * @param criteria The criteria.
 * @param cases The book's cases, by slug.
 * @param screenedOut Cases the screening round left out: a score of one is an error.
 * @returns The rows that are valid; the others are located errors on the file.
 */
export function readSheet(
  file: VFile,
  judge: Judge,
  criteria: Criteria,
  cases: ReadonlyMap<string, JudgedCase>,
  screenedOut: ReadonlySet<string> = new Set(),
): Sheet[] {
  const sheets: Sheet[] = [];
  for (const { slug, at, cell } of sheetRows(
    file,
    judge,
    cases,
    criteria.criteria.map((criterion) => criterion.id),
  )) {
    if (screenedOut.has(slug)) {
      error(
        file,
        `Unexpected score of \`${slug}\`, which the screening round left out: the row is not counted`,
        at,
        'scores-screened-out',
      );
      continue;
    }
    const scores: Record<string, number> = {};
    let valid = true;
    for (const criterion of criteria.criteria) {
      const place = cell(criterion.id);
      const text = place.value.trim();
      const [low, high] = criterion.scale;
      if (text === '') {
        error(
          file,
          `Missing score for \`${criterion.id}\` of \`${slug}\`, expected a whole number from ${low} to ${high}`,
          place,
          'scores-missing',
        );
        valid = false;
        continue;
      }
      const score = Number(text);
      if (!Number.isInteger(score) || score < low || score > high) {
        error(
          file,
          `Unexpected score \`${text}\` for \`${criterion.id}\` of \`${slug}\`, expected a whole number from ${low} to ${high}`,
          place,
          'scores-range',
        );
        valid = false;
        continue;
      }
      scores[criterion.id] = score;
    }
    if (valid) sheets.push({ judge: judge.id, case: slug, scores, comment: cell('comment').value });
  }
  return sheets;
}

/**
 * An empty sheet for a judge: the header, and one row per assigned case, for them to fill in.
 *
 * @param columns The columns between `case` and `comment`: criteria ids, or `verdict`.
 * @param cases The slugs of the judge's cases.
 * @returns CSV text.
 */
export function blankSheet(columns: readonly string[], cases: readonly string[]): string {
  const header = ['case', ...columns, 'comment'];
  return [header, ...cases.map((slug) => [slug, ...columns.map(() => ''), ''])]
    .map((row) => `${row.join(',')}\r\n`)
    .join('');
}
