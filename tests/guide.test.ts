/**
 * The guide (`docs/`) is a book this tool builds: it builds with no message at all, its site has
 * no broken link, its PDF prints every chapter, and its own pages use what they describe (a
 * cross-reference, a chart from data, a numbered formula, code).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { build, type BuildResult } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { sharedBrowser } from './helpers.js';
import { brokenLinks } from './links.js';
import { outline } from './pdf-tools.js';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'whitepaper-guide-'));
let result: BuildResult;

beforeAll(async () => {
  result = await build({ ...sharedBrowser, root: docs, out, cacheDir: false });
}, 240_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the guide, built by the tool', () => {
  test('builds with no error and no warning', () => {
    expect(formatReport(result.files)).toBe('');
    expect(result.book?.chapters.length).toBeGreaterThanOrEqual(9);
  });

  test('its site has no broken link', () => {
    expect(brokenLinks(join(out, 'site'))).toEqual([]);
  });

  test('its PDF has a bookmark for every chapter', () => {
    const titles = outline(join(out, 'whitepaper-guide.pdf')).map((entry) => entry.title);
    for (const chapter of result.book?.chapters ?? [])
      expect(titles).toContain(`${chapter.number ?? ''}  ${chapter.title}`);
  });

  test('its pages use what they describe: a cross-reference, a chart from data, a numbered formula, the generated rule table', () => {
    const page = (name: string) =>
      readFileSync(join(out, 'site', 'chapters', `${name}.html`), 'utf8').replaceAll('<wbr>', '');
    expect(page('benchmark')).toMatch(/<figure[^>]*class="[^"]*chart/);
    expect(page('benchmark')).toMatch(/Figure 9\.1/);
    expect(page('authoring')).toMatch(/Equation 2\.1/);
    expect(page('editions')).toMatch(/Citations: styles, locales, biblatex/);
    expect(page('messages')).toMatch(/<code>citation-locale-missing<\/code>/);
  });
});

describe('the guide names what exists', () => {
  test('every source file it names is in the repository', () => {
    const repository = fileURLToPath(new URL('../', import.meta.url));
    const files = execFileSync('git', ['ls-files'], { cwd: repository, encoding: 'utf8' }).split('\n');
    const chapters = readdirSync(join(docs, 'chapters')).filter((name) => name.endsWith('.md'));
    const named = chapters.flatMap((name) =>
      [...readFileSync(join(docs, 'chapters', name), 'utf8').matchAll(/[\w./-]*\w\.(?:ts|mjs|hbs)\b/g)].map((match) =>
        match[0].replace(/^\.\//, ''),
      ),
    );
    expect(named.length).toBeGreaterThan(50);
    // A path or a bare name: some tracked file ends with it.
    expect(named.filter((name) => !files.some((path) => path === name || path.endsWith(`/${name}`)))).toEqual([]);
  });
});
