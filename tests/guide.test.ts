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
import { outline, pageLabels, pageText } from './pdf-tools.js';

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

  test('its parts open on dividers: a right-hand page of their own without furniture, in the contents and the bookmarks', () => {
    const pdf = join(out, 'whitepaper-guide.pdf');
    const marks = outline(pdf);
    const parts = marks.filter((mark) => mark.title.startsWith('Part '));
    expect(parts.map((mark) => mark.title)).toEqual([
      'Part I  Writing a book',
      'Part II  Publishing it',
      'Part III  Inside the pipeline',
    ]);
    const chapters = result.book?.chapters ?? [];
    for (const part of parts) {
      // The divider holds its label and title and nothing else: no running head, no number.
      expect(
        pageText(pdf, part.page)
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      ).toEqual([part.title.split('  ')[0], part.title.split('  ')[1]]);
      // Physical pages count from 1: a right-hand page is odd, and so is its first chapter's.
      expect(part.page % 2).toBe(1);
      const next = marks[marks.indexOf(part) + 1];
      expect(chapters.some((chapter) => next?.title.endsWith(chapter.title))).toBe(true);
      expect((next?.page ?? 0) % 2).toBe(1);
    }
    expect(pageText(pdf, 2)).toMatch(/Part II\s+Publishing it/);
    // The divider before chapter 1 counts with the front matter: chapter 1 is still page 1.
    const first = marks.find((mark) => mark.title.startsWith('1  '));
    expect(pageLabels(pdf)[(first?.page ?? 0) - 1]).toBe('1');
    const site = readFileSync(join(out, 'site', 'chapters', 'editions.html'), 'utf8');
    expect(site).toMatch(/<p class="chapter-part"><span class="chapter-part-label">Part II<\/span> Publishing it<\/p>/);
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
