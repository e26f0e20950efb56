/**
 * Score sheets as judges return them: `judging/scores/<judge>.csv`, one row per case, one column
 * per criterion, a comment column. Every problem is located at its row and column: an unknown
 * case, a score off the scale or missing, a case scored twice, a case the judge has a conflict
 * with.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { conflicted, type Criteria, type JudgedCase, type Judge } from './settings.js';

/** One judge's scores of one case: criterion id → score. */
export interface Sheet {
  judge: string;
  case: string;
  scores: Readonly<Record<string, number>>;
  comment: string;
}

/** A cell of a CSV file and where it starts. */
interface Cell {
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
 * Read one judge's sheet.
 *
 * @param file The CSV file (`judging/scores/<judge>.csv`).
 * @param judge The judge whose sheet it is.
 * @param criteria The criteria.
 * @param cases The book's cases, by slug.
 * @returns The rows that are valid; the others are located errors on the file.
 */
export function readSheet(
  file: VFile,
  judge: Judge,
  criteria: Criteria,
  cases: ReadonlyMap<string, JudgedCase>,
): Sheet[] {
  const parsed = parseCsv(String(file.value));
  if ('unclosed' in parsed) {
    error(file, 'Unexpected quote never closed, expected `"` ending the field', parsed.unclosed, 'scores-format');
    return [];
  }
  const [header, ...rows] = parsed.rows;
  const names = (header ?? []).map((cell) => cell.value.trim().toLowerCase());
  const caseColumn = names.indexOf('case');
  const commentColumn = names.indexOf('comment');
  const columns = criteria.criteria.map((criterion) => ({ criterion, index: names.indexOf(criterion.id) }));
  const missing = columns.filter((column) => column.index === -1).map((column) => `\`${column.criterion.id}\``);
  if (caseColumn === -1 || missing.length > 0) {
    error(
      file,
      `Unexpected header, expected the columns \`case\`, ${criteria.criteria.map((criterion) => `\`${criterion.id}\``).join(', ')} and \`comment\`${missing.length > 0 ? ` (missing ${missing.join(', ')})` : ''}`,
      { line: 1, column: 1 },
      'scores-format',
    );
    return [];
  }
  const sheets: Sheet[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const first = row[0] ?? { line: 1, column: 1 };
    const caseCell = row[caseColumn] ?? { value: '', line: first.line, column: first.column };
    const slug = caseCell.value.trim();
    const item = cases.get(slug);
    if (!item) {
      error(
        file,
        `Unexpected case \`${slug}\`, expected the slug of a file in \`cases/\``,
        caseCell,
        'scores-case-unknown',
      );
      continue;
    }
    if (conflicted(judge, item)) {
      error(
        file,
        `Unexpected score of \`${slug}\` by \`${judge.id}\`, who has a conflict of interest with it: the row is not counted`,
        caseCell,
        'judging-conflict',
      );
      continue;
    }
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      error(
        file,
        `Unexpected second row for \`${slug}\` (also line ${earlier}), expected one row per case`,
        caseCell,
        'scores-duplicate',
      );
      continue;
    }
    seen.set(slug, caseCell.line);
    const scores: Record<string, number> = {};
    let valid = true;
    for (const { criterion, index } of columns) {
      const cell = row[index] ?? { value: '', line: first.line, column: first.column };
      const text = cell.value.trim();
      const [low, high] = criterion.scale;
      if (text === '') {
        error(
          file,
          `Missing score for \`${criterion.id}\` of \`${slug}\`, expected a whole number from ${low} to ${high}`,
          cell,
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
          cell,
          'scores-range',
        );
        valid = false;
        continue;
      }
      scores[criterion.id] = score;
    }
    if (valid)
      sheets.push({
        judge: judge.id,
        case: slug,
        scores,
        comment: commentColumn === -1 ? '' : (row[commentColumn]?.value ?? ''),
      });
  }
  return sheets;
}

/**
 * An empty sheet for a judge: the header, and one row per assigned case, for them to fill in.
 *
 * @param criteria The criteria.
 * @param cases The slugs of the judge's cases.
 * @returns CSV text.
 */
export function blankSheet(criteria: Criteria, cases: readonly string[]): string {
  const header = ['case', ...criteria.criteria.map((criterion) => criterion.id), 'comment'];
  return [header, ...cases.map((slug) => [slug, ...criteria.criteria.map(() => ''), ''])]
    .map((row) => `${row.join(',')}\r\n`)
    .join('');
}
