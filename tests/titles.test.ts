/**
 * Titles in front matter are inline Markdown to their authors: code and emphasis as HTML in
 * headings and the contents, their text wherever only text goes (running heads, `<title>`, the
 * search), and anything else (links, raw HTML) as text.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { inlineTitle } from '../pipeline/assemble/title.js';
import { build } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { fixtures, sharedBrowser } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-titles-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('a title as written', () => {
  test.each([
    ['Plain words', 'Plain words', 'Plain words'],
    ['The `fetch` API', 'The fetch API', 'The <code>fetch</code> API'],
    ['*Homo sapiens* and **strong**', 'Homo sapiens and strong', '<em>Homo sapiens</em> and <strong>strong</strong>'],
    [
      'A [link](https://example.org) <b>tag</b> & co',
      'A link <b>tag</b> & co',
      'A link &lt;b&gt;tag&lt;/b&gt; &amp; co',
    ],
    ['`<script>`', '<script>', '<code>&lt;script&gt;</code>'],
    ['# Not a heading', '# Not a heading', '# Not a heading'],
    ['R&D 2030', 'R&D 2030', 'R&amp;D 2030'],
  ])('%s', (markdown, text, html) => {
    expect(inlineTitle(markdown)).toEqual({ text, html });
  });
});

describe('a book whose titles hold code and emphasis', () => {
  test('headings and contents show them; running heads, page titles and the search show the text', async () => {
    const root = join(temp, 'book');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    writeFileSync(
      join(root, 'chapters', '03-api.md'),
      '---\ntitle: The `fetch` API for *Homo sapiens*\n---\n\n## First\n\nA paragraph long enough.\n\n## Second\n\nAnother.\n\n' +
        '![A figure whose caption is long enough to wrap onto a second line of the list of figures at the front](images/chart.png)\n',
    );
    const out = join(root, 'output');
    const result = await build({ ...sharedBrowser, root, out, cacheDir: false });
    expect(formatReport(result.files)).toBe('');
    const page = readFileSync(join(out, 'site', 'chapters', 'api.html'), 'utf8');
    expect(page).toContain('>The <code>fetch</code> API for <em>Homo sapiens</em></h1>');
    expect(page).toContain('<title>The fetch API for Homo sapiens · Fixture Book</title>');
    expect(readFileSync(join(out, 'site', 'index.html'), 'utf8')).toContain(
      '<span class="toc-title">The <code>fetch</code> API for <em>Homo sapiens</em></span>',
    );
    expect(readFileSync(join(out, 'site', 'assets', 'search-index.js'), 'utf8')).toContain(
      'The fetch API for Homo sapiens',
    );
    const text = spawnSync('pdftotext', ['-layout', join(out, 'fixture.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).not.toContain('`');
    expect(text).not.toContain('*Homo');
    // The running head of the chapter's second page, and its line in the contents.
    expect(text).toMatch(/The fetch API for Homo sapiens +\d+/);
    // A caption that wraps in the list of figures: its number on the first line, the page on the last.
    expect(text).toMatch(/\n3\.1 +A figure whose caption is long enough to wrap[^\d\n]*\n +[a-z ]*front +\d+\n/);
  });
});
