/** The sample white paper that `npm run build` builds: clean, complete, and 20+ printed pages. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { build, check } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { untranslated, sharedBrowser } from './helpers.js';
import { caseEnds, flowText, fonts, innerPages, outline, pageText, pdfInfo } from './pdf-tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('sample white paper', () => {
  test('has no messages but the untranslated chapters, and the content the brief asks for', async () => {
    const { files, book, editions } = await check({ root });
    expect(
      files.flatMap((file) =>
        file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`),
      ),
    ).toEqual(untranslated);
    expect(formatReport(files)).not.toContain('error');
    // English, Chinese and Japanese editions; the Chinese one has the foreword and two chapters of
    // its own, the Japanese one the foreword and one.
    expect(editions.map((edition) => edition.settings.language)).toEqual(['en', 'zh', 'ja']);
    const translated = (index: number) =>
      editions[index]?.chapters.filter((chapter) => !chapter.untranslated).map((chapter) => chapter.slug);
    expect(translated(1)).toEqual(['foreword', 'digital-infrastructure', 'technology-ethics']);
    expect(translated(2)).toEqual(['foreword', 'digital-infrastructure']);
    // The Japanese edition's fixed text is the registry's Japanese entry.
    expect(editions[2]?.labels.contents).toBe('目次');
    expect(book?.chapters.length).toBeGreaterThanOrEqual(5);
    expect(book?.cases.length).toBeGreaterThanOrEqual(8);
    expect(new Set(book?.cases.map((item) => item.country)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(book?.cases.map((item) => item.committee)).size).toBe(4);
    expect(
      book?.cases.filter((item) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(item.organization)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(book?.assets.length).toBeGreaterThanOrEqual(2);
    expect(book?.awards.size).toBeGreaterThan(0);
  });

  test('prints each edition to 20+ A4 pages with bookmarks for every chapter and case', async () => {
    const out = mkdtempSync(join(tmpdir(), 'whitepaper-sample-'));
    try {
      const result = await build({ ...sharedBrowser, root, out });
      expect(result.outputs?.editions.map((edition) => edition.pdf)).toEqual([
        join(out, 'asia-st4sd-2026-en.pdf'),
        join(out, 'asia-st4sd-2026-zh.pdf'),
        join(out, 'asia-st4sd-2026-ja.pdf'),
      ]);
      for (const [index, edition] of result.editions.entries()) {
        const pdf = result.outputs?.editions[index]?.pdf ?? '';
        expect(Number(pdfInfo(pdf)['Pages'])).toBeGreaterThanOrEqual(20);
        const bookmarks = outline(pdf);
        // Key messages, chapters, References, Case Compendium.
        expect(bookmarks).toHaveLength(edition.chapters.length + 3);
        expect(bookmarks.at(-1)?.kids).toHaveLength(edition.cases.length + 1);
        expect(bookmarks.at(-1)?.kids.at(-1)?.title).toBe(edition.labels.indices);
        // The contents hold on one page, their last entry (the indices) included: a spill of a
        // few entries onto a page of their own is set tighter instead.
        expect(pageText(pdf, 3)).toContain(edition.labels.contents);
        expect(pageText(pdf, 3)).toContain(edition.labels.indices);
        // Every chapter's key messages before the chapters, numbered through the book (1–15), as
        // each chapter's panel numbers them: chapter 2's open at 4.
        expect(bookmarks[0]?.title).toBe(edition.labels.keyMessages);
        const summary = pageText(pdf, bookmarks[0]?.page ?? 0);
        expect([...summary.matchAll(/^\s*(\d+)\./gm)].map((match) => Number(match[1]))).toEqual(
          Array.from({ length: 15 }, (_, index) => index + 1),
        );
        const chapterTwo = pageText(pdf, bookmarks.find((entry) => /^2\s/.test(entry.title))?.page ?? 0);
        expect([...chapterTwo.matchAll(/^\s*(\d+)\./gm)].map((match) => Number(match[1])).slice(0, 3)).toEqual([
          4, 5, 6,
        ]);
        // Chapter 1 opens with its key messages' panel, in the edition's language.
        const chapterOne = edition.chapters.find((chapter) => chapter.number === 1);
        const opening = pageText(pdf, bookmarks.find((entry) => /^1\s/.test(entry.title))?.page ?? 0);
        expect(opening.toUpperCase()).toContain(edition.labels.keyMessages.toUpperCase());
        expect(opening.replace(/\s+/g, '')).toContain(
          (chapterOne?.keyMessages?.[1] ?? '?').slice(0, 12).replace(/\s+/g, ''),
        );
        // The book ends on a back cover, a verso: an even page count, the back cover's text on the last page.
        const count = Number(pdfInfo(pdf)['Pages']);
        expect(count % 2).toBe(0);
        expect(pageText(pdf, count).replace(/\s+/g, '')).toContain(
          (edition.settings.backCover?.text ?? '?').slice(0, 24).replace(/\s+/g, ''),
        );
        // No page holds only a chapter's notes: they keep with the end of its text.
        const alone = Array.from({ length: Number(pdfInfo(pdf)['Pages']) }, (_, index) => index + 1).filter((page) => {
          const lines = pageText(pdf, page)
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean);
          // Under the running head, the first line is the notes' heading.
          return lines[1] === edition.labels.notes;
        });
        expect(alone).toEqual([]);
        // Every page but the last of a part is at least 60% full (the text below it could have
        // filled it), and each case ends on a page at least 40% full.
        const lists = [edition.labels.listOfFigures, edition.labels.listOfTables];
        expect([pdf, innerPages(pdf, lists).filter((page) => page.fill < 0.6)]).toEqual([pdf, []]);
        expect([pdf, caseEnds(pdf).filter((end) => end.fill < 0.4)]).toEqual([pdf, []]);
      }
      // Measure: the English body at about 70 characters a line, hyphenated where a word would
      // not fit, and no soft hyphen left in the text a reader copies or searches.
      const english = result.outputs?.editions[0]?.pdf ?? '';
      const chapterOne = outline(english).find((entry) => /^1\s/.test(entry.title))?.page ?? 0;
      const lines = Array.from({ length: 12 }, (_, index) => pageText(english, chapterOne + index))
        .flatMap((text) => text.split('\n'))
        .map((line) => line.trim())
        .filter((line) => line.length > 30);
      const lengths = lines.map((line) => line.length).sort((a, b) => a - b);
      const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
      expect([median >= 60, median <= 80]).toEqual([true, true]);
      expect(lines.filter((line) => /\p{Ll}-$/u.test(line)).length).toBeGreaterThan(10);
      expect(lines.join('').includes('\u00ad')).toBe(false);
      // Every font of both editions and of every certificate is one of the book's, from npm
      // (KaTeX's for the formula, Source Sans 3 in the drawings, Noto JP for Japanese names):
      // none from the system, none unnamed (Skia's Type 3 for a system CJK face).
      const declared = /^([A-Z]{6}\+)?(SourceSerif4|SourceSans3|SourceCodePro|Noto(Serif|Sans)(SC|JP|KR|TC)|KaTeX_)/;
      const certificates = readdirSync(join(out, 'certificates')).map((name) => join(out, 'certificates', name));
      for (const pdf of [english, result.outputs?.editions[1]?.pdf ?? '', ...certificates])
        expect([pdf, fonts(pdf).filter((font) => !declared.test(font.name))]).toEqual([pdf, []]);
      expect(fonts(english).some((font) => /NotoSansJP/.test(font.name))).toBe(true);
      // A numbered equation, referred to by its number in both editions.
      const site = (language: string) =>
        readFileSync(join(out, 'site', language, 'chapters', 'digital-infrastructure.html'), 'utf8');
      expect(site('en')).toContain('<span class="equation-number">(1.1)</span>');
      expect(site('en')).toContain('#digital-infrastructure--eq-pue">Equation 1.1</a>');
      expect(site('zh')).toContain('#digital-infrastructure--eq-pue">式1.1</a>');
      expect(flowText([pageText(english, chapterOne + 1), pageText(english, chapterOne + 2)])).toContain(
        'By Equation 1.1, a facility',
      );
      // Charts drawn from data in both editions: the Chinese one in Chinese, with its values.
      const chinese = result.outputs?.editions[1]?.pdf ?? '';
      const chartPage = (pdf: string, word: string) =>
        Array.from({ length: Number(pdfInfo(pdf)['Pages']) }, (_, index) => pageText(pdf, index + 1)).find((text) =>
          text.includes(word),
        ) ?? '';
      expect(chartPage(english, 'Households with broadband (%)')).toMatch(/Republic of Korea[\s\S]*Figure 1\.1/);
      for (const label of ['新加坡', '印度尼西亚', '家庭宽带普及率（%）'])
        expect(chartPage(chinese, '家庭宽带普及率（%）')).toContain(label);
      expect(chartPage(chinese, '人工复核与救济')).toContain('具备该要素的机构比例（%）');
      const chart = site('zh').match(
        /<figure id="digital-infrastructure--fig-broadband" class="chart">[\s\S]*?<\/figure>/,
      )?.[0];
      expect(chart).toMatch(
        /<svg [^>]*role="img" aria-label="柱状图[^"]*"><title>2025年部分亚洲经济体[^<]*<\/title><desc>柱状图/,
      );
      const cells = [...(chart ?? '').matchAll(/<td>([^<]*)<\/td>/g)].map((cell) => cell[1]);
      expect(cells).toEqual([
        '新加坡',
        '98',
        '韩国',
        '97',
        '日本',
        '95',
        '中国',
        '88',
        '马来西亚',
        '86',
        '越南',
        '79',
        '印度尼西亚',
        '68',
        '印度',
        '57',
      ]);
      expect(chart).toContain('<summary>数据</summary>');
      // The imprint, on the back of the cover.
      expect(pageText(english, 2)).toContain('Suggested citation'.toUpperCase());
      // Each edition's imprint is in its language, legal text included.
      const imprints = [1, 2].map((index) => pageText(result.outputs?.editions[index]?.pdf ?? '', 2));
      expect(imprints.map((text) => /Creative Commons|Alliance for Asia/.test(text))).toEqual([false, false]);
      expect(imprints[0]).toContain('知识共享署名');
      expect(imprints[1]).toContain('クリエイティブ・コモンズ');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
