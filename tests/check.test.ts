import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import stringWidth from 'string-width';
import { check } from '../pipeline/index.js';
import { formatReport, toJson } from '../pipeline/report.js';
import { expectFile, fixtureNames, fixtures } from './helpers.js';

const kind = 'check';

describe('check: every problem, located, in one run', () => {
  test.each(fixtureNames(kind))('%s', async (name) => {
    const root = join(fixtures, kind, name);
    const result = await check({ root });
    expectFile(join(root, 'expected.txt'), formatReport(result.files));
    expect(result.book === undefined).toBe(toJson(result.files).some((message) => message.severity === 'error'));
  });

  test('front matter is never evaluated', async () => {
    await check({ root: join(fixtures, kind, 'front-matter') });
    expect(existsSync('/tmp/pwned')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('the published case has no contact', async () => {
    const { book } = await check({ root: join(fixtures, kind, 'valid') });
    expect(book?.cases).toHaveLength(1);
    expect(Object.keys(book?.cases[0] ?? {})).not.toContain('contact');
    expect(JSON.stringify(book?.cases)).not.toContain('someone@example.org');
  });

  test('JSON messages carry file, position, severity and rule id', async () => {
    const { files } = await check({ root: join(fixtures, kind, 'case-mistakes') });
    const country = toJson(files).find((message) => message.ruleId === 'case-country');
    expect(country).toEqual({
      file: 'cases/Bad_Slug.md',
      line: 4,
      column: 10,
      endLine: 4,
      endColumn: 12,
      severity: 'error',
      message: 'Unexpected `FR` for `country`, expected an Asian ISO 3166-1 alpha-2 code such as `SG`',
      ruleId: 'case-country',
      source: 'whitepaper',
    });
  });
});

describe('the text report on a terminal', () => {
  test('at any width it keeps vfile-reporter’s layout; at 80 columns every line fits and says the same words', async () => {
    for (const name of fixtureNames('check')) {
      const { files } = await check({ root: join(fixtures, 'check', name) });
      const plain = formatReport(files);
      expect([name, formatReport(files, { width: Number.POSITIVE_INFINITY })]).toEqual([name, plain]);
      const narrow = formatReport(files, { width: 80 });
      const tooWide = narrow.split('\n').filter((line) => stringWidth(line) > 80 && !/ \S{30,} /.test(line));
      expect([name, tooWide]).toEqual([name, []]);
      // The same words (the rule now stands after a reason's first line, and the source may go).
      const words = (text: string) =>
        text
          .split(/\s+/)
          .filter((word) => word !== 'whitepaper')
          .sort()
          .join(' ');
      expect([name, words(narrow)]).toEqual([name, words(plain)]);
    }
  });

  test('a reason too long for the terminal continues under itself; its rule stays on its first line (the source column gives way)', async () => {
    const { files } = await check({ root: join(fixtures, 'check', 'ten-mistakes') });
    const lines = formatReport(files, { width: 80 }).split('\n');
    const at = lines.findIndex((line) => line.includes('Unexpected key `layout`'));
    expect(lines.slice(at, at + 3)).toEqual([
      expect.stringMatching(/^11:1-11:7 {3}error Unexpected key `layout`, expected .* +case-unknown-key$/),
      expect.stringMatching(/^ {18}\S/),
      expect.stringMatching(/^ {18}\S/),
    ]);
  });
});

describe('chart blocks against hostile data', () => {
  test('too many rows, a data file that links out of the project, and a FIFO are located errors; nothing is read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'whitepaper-charts-'));
    try {
      cpSync(join(fixtures, 'check', 'charts', 'whitepaper.yaml'), join(root, 'whitepaper.yaml'));
      mkdirSync(join(root, 'chapters'));
      writeFileSync(
        join(root, 'chapters', 'rows.csv'),
        `a,b\n${Array.from({ length: 10_001 }, (_, index) => `${index},${index}`).join('\n')}\n`,
      );
      symlinkSync('/etc/passwd', join(root, 'chapters', 'linked.csv'));
      execFileSync('mkfifo', [join(root, 'chapters', 'pipe.csv')]);
      const block = (data: string) =>
        `\`\`\`chart\ncaption: C\nalt: A.\ndata: ${data}\nmark: bar\nencoding:\n  x: { field: a, type: nominal }\n  y: { field: b, type: quantitative }\n\`\`\`\n`;
      writeFileSync(
        join(root, 'chapters', '01-data.md'),
        `---\ntitle: Data\n---\n\n# Data\n\n${['rows.csv', 'linked.csv', 'pipe.csv'].map(block).join('\n')}`,
      );
      const { files } = await check({ root });
      const messages = toJson(files).map(
        (message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`,
      );
      expect(messages).toEqual([
        '10:7 chart-spec Unexpected 10001 rows in `rows.csv`, expected at most 10000: draw a summary',
        '20:7 chart-spec Unexpected `data: linked.csv`, expected a CSV, TSV or JSON file inside the project',
        '30:7 chart-spec Unexpected `data: pipe.csv`, expected a CSV, TSV or JSON file inside the project',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
