/** The sample white paper that `npm run build` builds: clean, complete, and 20+ printed pages. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { build, check } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { outline, pdfInfo } from './pdf-tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('sample white paper', () => {
  test('has no messages and the content the brief asks for', async () => {
    const { files, book } = await check({ root });
    expect(formatReport(files)).toBe('');
    expect(book?.chapters.length).toBeGreaterThanOrEqual(5);
    expect(book?.cases.length).toBeGreaterThanOrEqual(8);
    expect(new Set(book?.cases.map((item) => item.country)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(book?.cases.map((item) => item.committee)).size).toBe(4);
    expect(book?.cases.filter((item) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(item.organization)).length).toBeGreaterThanOrEqual(2);
    expect(book?.assets.length).toBeGreaterThanOrEqual(2);
    expect(book?.awards.size).toBeGreaterThan(0);
  });

  test('prints to 20+ A4 pages with bookmarks for every chapter and case', async () => {
    const out = mkdtempSync(join(tmpdir(), 'whitepaper-sample-'));
    try {
      const result = await build({ root, out });
      const pdf = result.outputs?.pdf ?? '';
      expect(Number(pdfInfo(pdf)['Pages'])).toBeGreaterThanOrEqual(20);
      const bookmarks = outline(pdf);
      // Chapters, References, Case Compendium.
      expect(bookmarks).toHaveLength((result.book?.chapters.length ?? 0) + 2);
      expect(bookmarks.at(-1)?.kids).toHaveLength((result.book?.cases.length ?? 0) + 1);
      expect(bookmarks.at(-1)?.kids.at(-1)?.title).toBe('Indices');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
