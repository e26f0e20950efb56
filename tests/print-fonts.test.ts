/**
 * Web fonts in the print, in real Chromium: the print lays the document out for paper and waits
 * for the faces that layout needs, so nothing before it has to (a forced screen layout cost
 * 0.6 s on the large corpus). Were that ever to change, a face used only in print would fall
 * back to one of the machine's, and this fails. (Neither way waits for a face used only in a page
 * margin box: the book's running heads and page numbers repeat its headings' family and text.)
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { BrowserContext } from 'puppeteer';
import { renderPdf } from '../pipeline/render/print/pdf.js';
import { testBrowser } from './helpers.js';

let browser: BrowserContext;
let release: () => Promise<void>;
let folder: string;

beforeAll(async () => {
  ({ browser, release } = await testBrowser());
  folder = mkdtempSync(join(tmpdir(), 'whitepaper-print-fonts-'));
});

afterAll(async () => {
  await release();
  rmSync(folder, { recursive: true, force: true });
});

/** A face's Latin subset from its fontsource package. */
function face(family: string, name: string): string {
  const files = join('node_modules', '@fontsource', family, 'files');
  const file = readdirSync(files).find((entry) => entry.endsWith('-latin-400-normal.woff2'));
  if (!file) throw new Error(`No Latin subset in ${files}`);
  copyFileSync(join(files, file), join(folder, name));
  return name;
}

test('a face used only in print is embedded, without waiting for it before printing', async () => {
  const serif = face('source-serif-4', 'serif.woff2');
  const sans = face('source-sans-3', 'sans.woff2');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@font-face { font-family: "Body"; src: url(${serif}) format("woff2"); font-display: block; }
@font-face { font-family: "PrintOnly"; src: url(${sans}) format("woff2"); font-display: block; }
@page { size: A5; margin: 20mm; }
body { font-family: "Body", monospace; }
.print { display: none; font-family: "PrintOnly", monospace; }
@media print { .print { display: block; } }
</style></head><body><p>Text on screen and paper.</p><p class="print">Text on paper only.</p></body></html>`;
  writeFileSync(join(folder, 'book.html'), html);
  const { pdf } = await renderPdf(join(folder, 'book.html'), browser, { allowedRoot: folder });
  writeFileSync(join(folder, 'book.pdf'), pdf);
  const fonts = execFileSync('pdffonts', [join(folder, 'book.pdf')], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => /^\w{6}\+(\S+?)(?:ExtraLight)?-/.exec(line)?.[1] ?? line)
    .sort();
  expect(fonts).toEqual(['SourceSans3', 'SourceSerif4']);
  expect(execFileSync('pdftotext', [join(folder, 'book.pdf'), '-'], { encoding: 'utf8' })).toContain(
    'Text on paper only.',
  );
});
