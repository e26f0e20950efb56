/**
 * A book in two languages, end to end in real Chromium: both sites and both PDFs, the Chinese
 * one checked from the PDF itself (contents, outline, headers, glyphs, margins).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { buildToc } from '../pipeline/assemble/toc.js';
import { build, type Book, type BuildResult } from '../pipeline/index.js';
import { fixtures, sharedBrowser, testBrowser } from './helpers.js';
import { brokenLinks } from './links.js';
import { fonts, outline, pageLabels, pageText, pdfInfo } from './pdf-tools.js';

const root = join(fixtures, 'editions');
let out: string;
let result: BuildResult;
let zhPdf: string;
let zh: Book;
let zhPages: string[];

const site = (path: string) => readFileSync(join(out, 'site', path), 'utf8');
const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'whitepaper-editions-'));
  // What an earlier build left: the PDF of a single-language layout, of a dropped edition.
  for (const name of ['editions.pdf', 'editions-fr.pdf', 'notes.pdf']) writeFileSync(join(out, name), '%PDF-');
  result = await build({ ...sharedBrowser, root, out });
  zhPdf = join(out, 'editions-zh.pdf');
  zh = result.editions[1] as Book;
  const count = Number(pdfInfo(zhPdf)['Pages']);
  zhPages = Array.from({ length: count }, (_, index) => pageText(zhPdf, index + 1));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('editions', () => {
  test('a missing translation and a translation of nothing are warnings; both editions build', () => {
    expect(
      result.files.flatMap((file) =>
        file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`),
      ),
    ).toEqual(['chapters/en/02-energy.md:1:1 translation-missing', 'chapters/zh/03-orphan.md:1:1 translation-orphan']);
    expect(result.outputs?.editions.map((edition) => [edition.language, edition.pdf, edition.site])).toEqual([
      ['en', join(out, 'editions-en.pdf'), join(out, 'site', 'en')],
      ['zh', join(out, 'editions-zh.pdf'), join(out, 'site', 'zh')],
    ]);
    // The book PDFs of an earlier layout went with the old build; other files stay.
    expect(
      readdirSync(out)
        .filter((name) => name.endsWith('.pdf'))
        .sort(),
    ).toEqual(['editions-en.pdf', 'editions-zh.pdf', 'notes.pdf']);
    expect(zh.chapters.map((chapter) => [chapter.slug, chapter.language, chapter.untranslated])).toEqual([
      ['water', 'zh', false],
      ['energy', 'en', true],
    ]);
  });

  test('the Chinese PDF has Chinese metadata, cover, contents and fixed text', async () => {
    const info = pdfInfo(zhPdf);
    expect([info['Title'], info['Tagged']]).toEqual(['亚洲城市的水与能源', 'yes']);
    const doc = await PDFDocument.load(readFileSync(zhPdf));
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('zh');
    expect(squeeze(zhPages[0] ?? '')).toContain(squeeze('亚洲城市的水与能源 双语测试用书 测试版 2026年11月27日'));
    expect(zhPages[1]).toMatch(/^\s*目录/);
    expect(squeeze(zhPages[2] ?? '')).toContain('第1章为不断发展的城市供水');
    expect(zhPages[2]).toContain('表 1.1');
  });

  test('the Chinese outline is its contents, in Chinese, and every page number is right', () => {
    const toc = buildToc(zh);
    const bookmarks = outline(zhPdf);
    expect(bookmarks.map((entry) => [entry.title, entry.kids.map((kid) => kid.title)])).toEqual(
      toc.map((entry) => [
        entry.label ? `${entry.label}  ${entry.title}` : entry.title,
        entry.children.map((child) => child.title),
      ]),
    );
    expect(bookmarks.map((entry) => entry.title)).toEqual([
      '1  为不断发展的城市供水',
      '2  Energy for Cooling',
      '参考文献',
      '案例汇编',
    ]);
    const contents = zhPages[1] ?? '';
    const labels = pageLabels(zhPdf);
    for (const entry of bookmarks.flatMap((item) => [item, ...item.kids])) {
      const title = entry.title.replace(/^\d+\s+/, '');
      const printed = new RegExp(`${title}\\s+(\\d+|[ivxlc]+)\\s*$`, 'm').exec(contents)?.[1];
      // The contents page says where the heading is (by the page's label), and the heading is there.
      expect([title, printed]).toEqual([title, labels[entry.page - 1]]);
      expect([title, squeeze(zhPages[entry.page - 1] ?? '').includes(squeeze(title))]).toEqual([title, true]);
    }
  });

  test('Chinese footers: each page its label, chapter 1 on page 1; an opening page has no running head', () => {
    const lines = (page: number) => (zhPages[page - 1] ?? '').split('\n').filter((line) => line.trim() !== '');
    const labels = pageLabels(zhPdf);
    expect(labels.slice(0, 3)).toEqual(['i', 'ii', '1']);
    for (let page = 2; page <= zhPages.length; page++)
      expect([page, lines(page).at(-1)?.trim()]).toEqual([page, labels[page - 1]]);
    expect(lines(3)[0]?.trim()).toBe('第1章');
    expect(lines(4)[0]?.trim()).not.toBe('Energy for Cooling');
  });

  test('no missing glyphs: every font is embedded and the text extracts as written', () => {
    expect(fonts(zhPdf).filter((font) => !font.embedded)).toEqual([]);
    const source = readFileSync(join(root, 'chapters', 'zh', '01-water.md'), 'utf8');
    const paragraph = /城市在规划排水系统时[^\n]*?生物多样性。/.exec(source)?.[0] ?? 'missing';
    const text = squeeze(zhPages.join('\n'));
    for (const sample of [
      paragraph,
      '老旧管网在水到达水龙头之前就损失了三分之一。“节水”从修补漏损开始。',
      '三种雨水花园设计',
      '植草沟',
      '本章尚未翻译，以下为英语原文。',
    ]) {
      expect([sample, text.includes(squeeze(sample))]).toEqual([sample, true]);
    }
  });

  test('nothing runs into the margins: a long URL in Chinese text breaks', () => {
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '2', zhPdf, '-'], { encoding: 'utf8' });
    const right = 595.28 - (20 / 25.4) * 72;
    const overflowing = [
      ...boxes.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
    ]
      .filter((match) => Number(match[2]) > right + 1)
      .map((match) => match[3]);
    expect(overflowing).toEqual([]);
    expect(squeeze(zhPages.join(''))).toContain(
      'https://example.org/raingardens/designguide2026/averylongpaththatdoesnotbreakbyitselfanywhereatall/andthensomemoresothatitcannotfitononeline/index.html',
    );
  });
});

describe('edition sites', () => {
  test('every link resolves, the switchers included', () => {
    expect(brokenLinks(join(out, 'site'))).toEqual([]);
  });

  test("each edition's search box searches that edition: a Chinese query in the Chinese site opens the Chinese page", async () => {
    const { browser, release } = await testBrowser();
    try {
      const page = await browser.newPage();
      const open = async (edition: string, query: string) => {
        await page.goto(pathToFileURL(join(out, 'site', edition, 'index.html')).href, { waitUntil: 'load' });
        await page.type('.site-search input', query);
        const hrefs = await page.$$eval('.search-results li a', (links) =>
          links.map((link) => link.getAttribute('href')),
        );
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        return { hrefs, url: page.url(), heading: await page.$eval('h1', (heading) => heading.textContent) };
      };
      const chinese = await open('zh', '管网漏损');
      expect(chinese.hrefs[0]).toBe('chapters/water.html');
      expect(chinese.url).toMatch(/\/site\/zh\/chapters\/water\.html$/);
      expect(chinese.heading).toBe('为不断发展的城市供水');
      const english = await open('en', 'rain garden designs');
      expect(english.url).toMatch(/\/site\/en\/chapters\/water\.html$/);
      // The English index holds no Chinese page.
      await page.goto(pathToFileURL(join(out, 'site', 'en', 'index.html')).href, { waitUntil: 'load' });
      await page.type('.site-search input', '管网漏损');
      expect(await page.$$eval('.search-results li a', (links) => links.length)).toBe(0);
    } finally {
      await release();
    }
  });

  test('a switcher on every page goes to the same page in the other language', () => {
    expect(site('zh/chapters/water.html')).toContain(
      '<a href="../../en/chapters/water.html" hreflang="en" lang="en">English</a>',
    );
    expect(site('zh/chapters/water.html')).toContain(
      '<a href="../../zh/chapters/water.html" hreflang="zh" lang="zh" aria-current="page">中文</a>',
    );
    expect(site('en/cases/river-sensors.html')).toContain(
      '<link rel="alternate" hreflang="zh" href="../../zh/cases/river-sensors.html">',
    );
    expect(site('index.html')).toContain(
      '<a href="zh/index.html" hreflang="zh"><span class="edition-title">亚洲城市的水与能源</span> <span class="edition-language">中文</span></a>',
    );
  });

  test('pages carry their language, and every element in another language says so', () => {
    expect(site('zh/index.html')).toMatch(/^<!doctype html>\n<html lang="zh">/);
    expect(site('zh/index.html')).toContain('<h2 id="contents">目录</h2>');
    expect(site('zh/index.html')).toContain('2026年11月27日');
    // Footnotes speak the chapter's language too.
    expect(site('zh/chapters/water.html')).toContain('<h2 class="sr-only" id="water--footnote-label">注释</h2>');
    expect(site('zh/chapters/water.html')).toContain('aria-label="返回引用处1"');
    // The untranslated chapter: a note in Chinese, its text marked English.
    const energy = site('zh/chapters/energy.html');
    expect(energy).toContain('<p class="untranslated" role="note">本章尚未翻译，以下为英语原文。</p>');
    expect(energy).toContain('<h1 id="energy" lang="en">Energy for Cooling</h1>');
    expect(energy).toContain('<div class="chapter-body" lang="en">');
    // Its references and captions speak its language, not the edition's ("Table 2.1", not "表 2.1").
    expect(energy).toContain('>Table 2.1</a> shows');
    expect(energy).toContain('<span class="caption-label">Table 2.1: </span>');
    expect(site('en/chapters/energy.html')).toContain('>Table 2.1</a> shows');
    expect(site('zh/chapters/water.html')).toContain('<span class="pager-title" lang="en">Energy for Cooling</span>');
    // A Chinese case in the English edition: translated card, Chinese body and organisation.
    const clinic = site('en/cases/shequ-yisheng.html');
    expect(clinic).toContain('<h1 id="case-shequ-yisheng">Remote Consultations for Village Doctors</h1>');
    expect(clinic).toContain('<dd lang="zh">云岭乡村卫生合作社</dd>');
    expect(clinic).toContain('<div class="case-body" lang="zh">');
    expect(clinic).toContain('<p class="case-award award-gold">Gold Award</p>');
    // An English case in the Chinese edition: translated title and summary, English body.
    const river = site('zh/cases/river-sensors.html');
    expect(river).toContain('<h1 id="case-river-sensors">河流传感器洪水预警</h1>');
    expect(river).toContain('<div class="case-body" lang="en">');
    expect(site('zh/cases/shequ-yisheng.html')).toContain('<p class="case-award award-gold">金奖</p>');
    expect(site('zh/cases/shequ-yisheng.html')).toContain('<dd>云岭乡村卫生合作社</dd>');
  });

  test('each edition cites in its own style: APA in English, Vancouver in Chinese', () => {
    expect(site('en/chapters/water.html')).toContain(
      '<a href="../references.html#ref-smith2020">(Smith &#x26; Lee, 2020)</a>',
    );
    expect(site('zh/chapters/water.html')).toContain('<a href="../references.html#ref-smith2020">(1)</a>');
    expect(site('zh/references.html')).toMatch(/<h1 id="references">参考文献<\/h1>/);
    expect(site('zh/cases/shequ-yisheng.html')).not.toContain('class="case-body"');
  });
});
