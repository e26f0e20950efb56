/**
 * Figures, tables, cross-references and citations in two CSL styles: exact HTML of the site.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { build, check } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { expectFile, fixtures, sharedBrowser } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-scholarly-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The `<main>` of a page: what the content produced, without the layout around it. */
const main = (html: string) => /<main id="main">\n([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('scholarly apparatus', () => {
  test.each(['apa', 'vancouver'])('figures, tables, references and citations in %s', async (style) => {
    const root = join(fixtures, 'scholarly', style);
    const out = join(temp, style);
    const result = await build({ ...sharedBrowser, root, out, htmlOnly: true });
    expect(formatReport(result.files)).toBe('');
    expectFile(
      join(root, 'expected-chapter.html'),
      main(readFileSync(join(out, 'site', 'chapters', 'evidence.html'), 'utf8')),
    );
    expectFile(
      join(root, 'expected-references.html'),
      main(readFileSync(join(out, 'site', 'references.html'), 'utf8')),
    );
  });

  test('unknown and duplicate labels, unknown keys and broken entries are located errors', async () => {
    const root = join(fixtures, 'scholarly', 'errors');
    const result = await check({ root });
    expectFile(join(root, 'expected.txt'), formatReport(result.files));
  });
});
