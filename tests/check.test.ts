import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
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
