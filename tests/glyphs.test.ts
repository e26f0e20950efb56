/**
 * Characters no font covers are located `glyph-missing` warnings: with a coverage given, and with
 * the machine's own fonts as fontconfig lists them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { check } from '../pipeline/index.js';
import { coverageOf } from '../pipeline/load/font-coverage.js';
import { formatReport } from '../pipeline/report.js';
import { createProcessor, transformFile } from '../pipeline/transform/processor.js';
import { fixtures } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-glyphs-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('glyph-missing', () => {
  test('coverage is the union of the fonts’ character sets', () => {
    const coverage = coverageOf('20-7e a0-ff\n4e00-9fff 20-40\n1f600\n');
    expect([0x41, 0xe9, 0x4e2d, 0x1f600].map((point) => coverage.has(point))).toEqual([true, true, true, true]);
    expect([0x1f, 0x100, 0x13000, 0x1f601].map((point) => coverage.has(point))).toEqual([false, false, false, false]);
  });

  test('each uncovered character is reported once per file, at its line and column (in highlighted code, at its block)', async () => {
    const processor = createProcessor({ root: temp, coverage: coverageOf('20-7e 4e00-9fff') });
    const file = new VFile({
      path: 'chapters/01-x.md',
      value:
        '# Title\n\nA 𓀀 and 😀, again 𓀀; 中文 is fine and so is a\u200Bzero-width space.\n\nSecond line ✓.\n\n```js\nconst sign = "𒀭";\n```\n',
    });
    Object.assign(file.data, { idPrefix: 'x', kind: 'chapter' });
    await transformFile(processor, file);
    expect(reporter([file], { color: false }).replace(/ +/g, ' ')).toBe(
      [
        'chapters/01-x.md',
        '3:3 warning Unexpected character `𓀀` (U+13000) that no installed font covers, expected text the fonts can draw: it prints as an empty box (install a font with it) glyph-missing whitepaper',
        '3:10 warning Unexpected character `😀` (U+1F600) that no installed font covers, expected text the fonts can draw: it prints as an empty box (install a font with it) glyph-missing whitepaper',
        '5:13 warning Unexpected character `✓` (U+2713) that no installed font covers, expected text the fonts can draw: it prints as an empty box (install a font with it) glyph-missing whitepaper',
        // A highlighted code block's text has no position of its own: located at the block.
        '7:1 warning Unexpected character `𒀭` (U+1202D) that no installed font covers, expected text the fonts can draw: it prints as an empty box (install a font with it) glyph-missing whitepaper',
        '',
        '⚠ 4 warnings',
      ]
        .join('\n')
        .replace(/ +/g, ' '),
    );
  });

  test('with the machine’s fonts: a character is reported exactly when fontconfig finds no font for it', async () => {
    const root = join(temp, 'book');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    writeFileSync(
      join(root, 'chapters', '03-glyphs.md'),
      '---\ntitle: Glyphs\n---\n\nA hieroglyph 𓀀 beside 中文 and é.\n',
    );
    const report = formatReport((await check({ root })).files);
    const covered = execFileSync('fc-list', [':charset=13000', 'family'], { encoding: 'utf8' }).trim() !== '';
    expect(report.includes('5:14 warning Unexpected character `𓀀` (U+13000)')).toBe(!covered);
    expect(report).not.toMatch(/U\+4E2D|U\+6587|U\+00E9/);
  });
});
