/**
 * Messages → text or JSON for people and tools, and the exit status they imply.
 */
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { wrappedReport } from './report-wrap.js';
import { reviewSource } from './review/index.js';

/** Options of `formatReport`. */
export interface ReportOptions {
  format?: 'text' | 'compact' | 'json';
  color?: boolean;
  /** Leave out files without messages. */
  quiet?: boolean;
  /** Columns of the terminal: the text report's reasons wrap to fit. Default: no wrapping. */
  width?: number;
}

/** One message as JSON, for editors' tooling. */
export interface JsonMessage {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ruleId: string | null;
  source: string | null;
}

/**
 * Format the messages of files, sorted by file and then position.
 *
 * @param files Files with messages.
 * @param options Format and colour.
 * @returns The report, or `''` when there is nothing to say.
 */
export function formatReport(files: readonly VFile[], options: ReportOptions = {}): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (options.format === 'json') return `${JSON.stringify(toJson(sorted), null, 2)}\n`;
  // What editors and CI annotators parse: `file:line:col: severity message [rule]`.
  if (options.format === 'compact') return toJson(sorted).map(compactLine).join('');
  if (options.width !== undefined && options.quiet !== false) {
    const wrapped = wrappedReport(sorted, { color: options.color ?? false, width: options.width });
    return wrapped ? `${wrapped}\n` : '';
  }
  const text = reporter(sorted, { quiet: options.quiet ?? true, color: options.color ?? false });
  return text ? `${text}\n` : '';
}

/**
 * One message as one line: `file:line:col: severity message [rule]`.
 *
 * @param message The message as JSON.
 * @returns The line, with its newline.
 */
export function compactLine(message: JsonMessage): string {
  return `${message.file}:${message.line ?? 1}:${message.column ?? 1}: ${message.severity} ${message.message} [${message.ruleId ?? 'unknown'}]\n`;
}

/**
 * Messages as JSON records, sorted by file, line and column.
 *
 * @param files Files with messages.
 * @returns One record per message.
 */
export function toJson(files: readonly VFile[]): JsonMessage[] {
  return files.flatMap((file) =>
    file.messages
      .map((message): JsonMessage => ({
        file: file.path,
        line: message.line ?? null,
        column: message.column ?? null,
        endLine: message.place && 'end' in message.place ? message.place.end.line : null,
        endColumn: message.place && 'end' in message.place ? message.place.end.column : null,
        severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
        message: message.reason,
        ruleId: message.ruleId ?? null,
        source: message.source ?? null,
      }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
  );
}

/**
 * The exit status for content problems: 1 when there is an error, or a warning under `frail`
 * (not a review's).
 *
 * @param files Files with messages.
 * @param frail Treat warnings as errors.
 * @returns 0 or 1.
 */
export function exitStatus(files: readonly VFile[], frail = false): 0 | 1 {
  // A reviewer's comment is not a problem of the book: `--frail` does not fail on an orphaned one.
  const bad = files.some((file) =>
    file.messages.some(
      (message) => message.fatal === true || (frail && message.fatal === false && message.source !== reviewSource),
    ),
  );
  return bad ? 1 : 0;
}
