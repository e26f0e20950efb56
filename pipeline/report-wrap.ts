/**
 * The text report laid out like vfile-reporter's (a file's name, then a row per message:
 * place, severity, reason, rule, source), with the reasons wrapped to a terminal's width.
 */
import stringWidth from 'string-width';
import { stringifyPosition } from 'unist-util-stringify-position';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { compareFile, compareMessage } from 'vfile-sort';
import { statistics } from 'vfile-statistics';

/** Narrowest reason column: below it, lines run past the width rather than into single words. */
const minReasonWidth = 30;

/** Reason column below which the source column (the tool's name, the same on every row) gives way. */
const comfortableReasonWidth = 50;

/** Escape codes of the colours, or nothing. */
function palette(color: boolean) {
  const code = (value: string) => (color ? `\u001B[${value}m` : '');
  return {
    bold: code('1'),
    normal: code('22'),
    underline: code('4'),
    noUnderline: code('24'),
    red: code('31'),
    yellow: code('33'),
    green: code('32'),
    cyan: code('36'),
    reset: code('39'),
  };
}

/**
 * Lay out the messages of files, every line at most `width` columns where the words allow.
 *
 * @param files Files with messages; those without are left out.
 * @param options Colour, and the terminal's width (`Infinity`: one line per message).
 * @returns The report, without a final newline; `''` when there is nothing to say.
 */
export function wrappedReport(files: readonly VFile[], options: { color: boolean; width: number }): string {
  const ink = palette(options.color);
  const sorted = [...files].sort(compareFile).filter((file) => file.messages.length > 0);
  const messages = sorted.map((file) => [...file.messages].sort(compareMessage));
  const rows = messages.flat().map((message) => ({
    place: stringifyPosition(message.place ?? undefined),
    label: severity(message),
    reason: message.reason,
    tail: [message.ruleId ?? '', message.source ?? ''],
  }));
  if (rows.length === 0) return '';
  const widest = (cells: string[]) => Math.max(0, ...cells.map((cell) => stringWidth(cell)));
  const placeWidth = widest(rows.map((row) => row.place)) + 1;
  const labelWidth = widest(rows.map((row) => row.label)) + 1;
  const ruleWidth = widest(rows.map((row) => row.tail[0] ?? '')) + 1;
  const longest = widest(rows.map((row) => row.reason));
  // The source column (the tool's name) goes first when the reasons would be too narrow.
  const fits = (sourceWidth: number) => options.width - placeWidth - labelWidth - ruleWidth - sourceWidth - 1;
  const withSource = fits(widest(rows.map((row) => row.tail[1] ?? ''))) >= Math.min(longest, comfortableReasonWidth);
  const room = withSource ? fits(widest(rows.map((row) => row.tail[1] ?? ''))) : fits(0);
  const reasonWidth = Math.min(longest, Math.max(minReasonWidth, room));
  const pad = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - stringWidth(text)));
  const lines: string[] = [];
  let next = 0;
  for (const [index, file] of sorted.entries()) {
    const stats = statistics(file.messages);
    if (index > 0) lines.push('');
    lines.push(
      `${ink.underline}${stats.fatal ? ink.red : ink.yellow}${file.history[0] ?? file.path}${ink.reset}${ink.noUnderline}`,
    );
    for (const message of messages[index] ?? []) {
      const row = rows[next++];
      if (!row) continue;
      const [first = '', ...rest] = wrap(row.reason, reasonWidth);
      const label = `${message.fatal ? ink.red : ink.yellow}${row.label}${ink.reset}`;
      const head = pad(row.place, placeWidth) + label + ' '.repeat(labelWidth - row.label.length);
      const tail = withSource ? pad(row.tail[0] ?? '', ruleWidth) + (row.tail[1] ?? '') : (row.tail[0] ?? '');
      lines.push((head + highlight(first, ink) + ' '.repeat(reasonWidth + 1 - stringWidth(first)) + tail).trimEnd());
      for (const line of rest) lines.push((' '.repeat(placeWidth + labelWidth) + highlight(line, ink)).trimEnd());
    }
  }
  const all = statistics(messages.flat());
  const counts = [
    all.fatal ? `${ink.red}✖${ink.reset} ${all.fatal} error${all.fatal === 1 ? '' : 's'}` : '',
    all.warn ? `${ink.yellow}⚠${ink.reset} ${all.warn} warning${all.warn === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (counts.length > 0) {
    const byline = counts.join(', ');
    lines.push('', all.total !== all.fatal && all.total !== all.warn ? `${all.total} messages (${byline})` : byline);
  }
  return lines.join('\n');
}

function severity(message: VFileMessage): string {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/**
 * Break a text at spaces into lines of at most `width` columns; a word longer than that stands
 * on a line of its own.
 */
export function wrap(text: string, width: number): string[] {
  if (stringWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && stringWidth(candidate) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines;
}

/** Bold text, code spans in cyan, as vfile-reporter shows a reason (spans within the line). */
function highlight(text: string, ink: ReturnType<typeof palette>): string {
  return `${ink.bold}${text.replace(/(`+)([^`]*?)\1/g, (span) => `${ink.cyan}${span}${ink.reset}`)}${ink.normal}`;
}
