/**
 * Markdown text → the first shape the parser would spend unbounded work on, found in one pass
 * over the lines before any parsing.
 */
import type { RuleId } from '../data/rules.js';

/** What the pre-scan holds a file to. */
export interface PrescanLimits {
  /** Deepest nesting of block quotes and lists. */
  maxDepth: number;
  /** Most footnote definitions in a file. */
  maxFootnotes: number;
  /** Most cells in one table. */
  maxTableCells: number;
  /** Deepest nesting of `[` in one paragraph. */
  maxBrackets: number;
}

/** Defaults of the limits that `whitepaper.yaml` does not set. */
export const prescanDefaults = { maxFootnotes: 2000, maxTableCells: 50_000, maxBrackets: 256 } as const;

/** A shape over a limit, where it is. */
export interface PrescanProblem {
  reason: string;
  place: { line: number; column: number };
  ruleId: RuleId;
}

const fence = /^ {0,3}(`{3,}|~{3,})/;
const footnoteDefinition = /^ {0,3}\[\^[^\]\s]{1,999}\]:/;

/**
 * Find nesting too deep for the parser (`- - - - x`, thousands of `>` or of indented list
 * levels), too many footnotes, tables with too many cells and brackets nested too deep, in time
 * linear in the text. Fenced code is skipped.
 *
 * @param text The file's text.
 * @param limits What to hold it to.
 * @returns The first problem, or `undefined`.
 */
export function prescan(text: string, limits: PrescanLimits): PrescanProblem | undefined {
  let inFence: string | undefined;
  let footnotes = 0;
  let columns = 0;
  let rows = 0;
  let tableLine = 0;
  let brackets = 0;
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    lineNumber++;
    start = end + 1;
    const opened = fence.exec(line)?.[1];
    if (inFence !== undefined) {
      if (opened && opened[0] === inFence[0] && opened.length >= inFence.length) inFence = undefined;
      if (newline === -1) break;
      continue;
    }
    if (opened) {
      inFence = opened;
      continue;
    }
    if (line.trim() === '') {
      columns = 0;
      brackets = 0;
      if (newline === -1) break;
      continue;
    }
    const depth = containerDepth(line);
    if (depth > limits.maxDepth) {
      return {
        reason: `Unexpected nesting of about ${depth} block quotes and lists, expected at most ${limits.maxDepth} (\`limits.depth\`)`,
        place: { line: lineNumber, column: 1 },
        ruleId: 'markdown-depth',
      };
    }
    if (footnoteDefinition.test(line) && ++footnotes > limits.maxFootnotes) {
      return {
        reason: `Unexpected footnote number ${footnotes}, expected at most ${limits.maxFootnotes} in one file`,
        place: { line: lineNumber, column: 1 },
        ruleId: 'markdown-footnotes',
      };
    }
    if (columns > 0) {
      rows++;
      if (rows * columns > limits.maxTableCells) {
        return {
          reason: `Unexpected table of more than ${limits.maxTableCells} cells (${columns} columns), expected a smaller table: split it, or publish the data as a file`,
          place: { line: tableLine, column: 1 },
          ruleId: 'markdown-table',
        };
      }
    } else if (isDelimiterRow(line)) {
      columns = line.split('|').filter((cell) => cell.trim() !== '').length;
      rows = 1;
      tableLine = lineNumber - 1;
    }
    for (let index = 0; index < line.length; index++) {
      const char = line[index];
      if (char === '\\') index++;
      else if (char === '[' && ++brackets > limits.maxBrackets) {
        return {
          reason: `Unexpected \`[\` nested ${brackets} deep, expected at most ${limits.maxBrackets} in one paragraph`,
          place: { line: lineNumber, column: index + 1 },
          ruleId: 'markdown-depth',
        };
      } else if (char === ']' && brackets > 0) brackets--;
    }
    if (newline === -1) break;
  }
  return undefined;
}

/** A GFM table's delimiter row: `| --- | :-: |`, two cells at least. */
function isDelimiterRow(line: string): boolean {
  if (!line.includes('|') || !line.includes('-')) return false;
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.length >= 2 && cells.every((cell) => /^:?-+:?$/.test(cell.trim()));
}

/**
 * How deep a line's block quote and list markers nest it: each `>` and each list marker in its
 * prefix, and, on a list line, one level for every two columns of indentation before its first
 * marker (the least a nested list can indent).
 */
function containerDepth(line: string): number {
  let depth = 0;
  let index = 0;
  let indent = -1;
  while (index < line.length) {
    let spaces = 0;
    while (line[index] === ' ' || line[index] === '\t') {
      spaces += line[index] === '\t' ? 4 : 1;
      index++;
    }
    if (indent === -1) indent = spaces;
    const char = line[index];
    if (char === '>') {
      depth++;
      index++;
      continue;
    }
    const next = line[index + 1];
    if ((char === '-' || char === '*' || char === '+') && (next === undefined || next === ' ' || next === '\t')) {
      depth++;
      index++;
      continue;
    }
    const number = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(index, index + 11));
    if (number) {
      depth++;
      index += number[0].length;
      continue;
    }
    break;
  }
  return depth > 0 ? depth + Math.floor(Math.max(indent, 0) / 2) : 0;
}

declare module 'unified' {
  interface Data {
    /** The processor's pre-scan limits, read by `transformFile`. */
    prescan?: PrescanLimits;
  }
}
