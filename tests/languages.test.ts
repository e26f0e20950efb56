/**
 * Every language can be the only one: books written in Chinese, Japanese, German or French
 * alone publish every chapter, and the CJK ones print their running heads and page numbers on
 * every page (read from the PDF) with wrapped lines joined as CJK text is (no stray spaces).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { build, check, type BuildResult } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { fixtures, sharedBrowser } from './helpers.js';
import { pageLabels, pdfInfo } from './pdf-tools.js';

const out = mkdtempSync(join(tmpdir(), 'whitepaper-languages-'));
const results = new Map<string, BuildResult>();
const printed = ['zh', 'ja'];
const siteOnly = ['de', 'fr'];

/** Text of a band of a page (points from the top), as pdftotext reads it. */
function band(pdf: string, page: number, top: number, height: number): string {
  const args = [
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    '0',
    '-y',
    String(top),
    '-W',
    '600',
    '-H',
    String(height),
  ];
  return execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' }).trim();
}

/** A space (or line break) between two CJK characters. */
const strayBreak =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}、。][ \n][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

beforeAll(async () => {
  for (const language of [...printed, ...siteOnly]) {
    const result = await build({
      ...sharedBrowser,
      root: join(fixtures, 'languages', language),
      out: join(out, language),
      htmlOnly: siteOnly.includes(language),
    });
    results.set(language, result);
  }
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each([...printed, ...siteOnly])('a book whose only language is %s', (language) => {
  test('publishes every chapter, with no error', () => {
    const result = results.get(language) as BuildResult;
    const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal));
    expect(errors).toEqual([]);
    expect(result.book?.chapters.map((chapter) => [chapter.slug, chapter.language])).toEqual([
      ['rivers', language],
      ['data', language],
    ]);
    expect(readdirSync(join(out, language, 'site', 'chapters')).sort()).toEqual(['data.html', 'rivers.html']);
    const page = readFileSync(join(out, language, 'site', 'chapters', 'rivers.html'), 'utf8');
    expect(page).toContain(`lang="${language}"`);
  });
});

describe.each(printed)('the %s book in print', (language) => {
  const pdf = () => join(out, language, `only-${language}.pdf`);

  test('a soft line break between CJK characters is no space, on the site and in the PDF', () => {
    const page = readFileSync(join(out, language, 'site', 'chapters', 'rivers.html'), 'utf8');
    const paragraphs = [...page.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((match) =>
      (match[1] ?? '').replace(/<[^>]*>/g, ''),
    );
    expect(paragraphs.length).toBeGreaterThan(10);
    expect(paragraphs.filter((text) => strayBreak.test(text))).toEqual([]);
    const text = execFileSync('pdftotext', ['-raw', pdf(), '-'], { encoding: 'utf8' });
    // pdftotext ends each printed line with a break: only spaces can be stray inside a line.
    expect(text.split('\n').filter((line) => / /.test(line) && strayBreak.test(line))).toEqual([]);
  });

  test('every body page has its page number, and its running head unless a chapter opens there', () => {
    const labels = pageLabels(pdf());
    const count = Number(pdfInfo(pdf())['Pages']);
    const body = Array.from({ length: count }, (_, index) => index + 1).filter((page) =>
      /^\d+$/.test(labels[page - 1] ?? ''),
    );
    expect(body.length).toBeGreaterThan(3);
    const titles = results.get(language)?.book?.chapters.map((chapter) => chapter.title) ?? [];
    for (const page of body) {
      expect([page, band(pdf(), page, 780, 62)]).toEqual([page, labels[page - 1]]);
      const head = band(pdf(), page, 0, 60);
      const opening = titles.some((title) => band(pdf(), page, 60, 200).includes(title));
      if (!opening) expect([page, titles.includes(head)]).toEqual([page, true]);
    }
  });
});

describe('chapters no edition reads', () => {
  test('a folder of Markdown files for a language the book does not have is a warning at its languages, beside the missing chapters', async () => {
    const root = join(out, 'unread');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    mkdirSync(join(root, 'chapters', 'fr'));
    for (const name of readdirSync(join(root, 'chapters')).filter((entry) => entry.endsWith('.md')))
      renameSync(join(root, 'chapters', name), join(root, 'chapters', 'fr', name));
    const report = formatReport((await check({ root })).files);
    expect(report).toMatch(/1:1 +error +Missing chapters, expected at least one `chapters\/NN-slug\.md`/);
    expect(report).toMatch(
      /6:1-6:9 +warning +Unexpected Markdown files in `chapters\/fr\/`, which no edition reads: expected chapters directly in `chapters\/`, or `languages: \[en, fr\]` for an edition in `fr` +chapter-folder-unread/,
    );
  });
});

describe('a translation of another shape', () => {
  test('a translation without the part or the key messages of its original is a warning at it; the edition opens no part and lists none', async () => {
    const root = join(out, 'shape');
    cpSync(join(fixtures, 'editions'), root, { recursive: true });
    const original = join(root, 'chapters', 'en', '01-water.md');
    writeFileSync(
      original,
      readFileSync(original, 'utf8').replace('---\n', '---\npart: Cities\nkeyMessages: [Keep rain where it falls.]\n'),
    );
    const result = await check({ root });
    // Both at the translation.
    const report = formatReport(result.files).split('chapters/zh/01-water.md\n')[1]?.split('\n\n')[0];
    expect(report).toMatch(
      /1:1 +warning +Missing `part` in this translation of `chapters\/en\/01-water\.md`, which opens a part: the Chinese edition opens no part here +translation-structure/,
    );
    expect(report).toMatch(
      /1:1 +warning +Missing `keyMessages` in this translation of `chapters\/en\/01-water\.md`, which has them: the Chinese edition lists no key messages for this chapter +translation-structure/,
    );
    const [english, chinese] = result.editions;
    expect(english?.toc.slice(0, 2).map((entry) => [entry.id, entry.label, entry.title])).toEqual([
      ['key.messages', null, 'Key messages'],
      ['part.1', 'Part I', 'Cities'],
    ]);
    expect(chinese?.toc.some((entry) => entry.part === true || entry.id === 'key.messages')).toBe(false);
  });
});

describe('right-to-left lines inside a chapter', () => {
  test('Arabic and Hebrew lines in an English chapter leave its running heads and page numbers on every page', async () => {
    const root = join(out, 'rtl');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const filler = Array.from(
      { length: 40 },
      (_, index) => `Filler paragraph ${index + 1}, long enough to take a line or two, so that the chapter runs on.\n`,
    ).join('\n');
    writeFileSync(
      join(root, 'chapters', '03-mixed.md'),
      `---\ntitle: Mixed Scripts\n---\n\nEnglish with Arabic inside: مرحبا بالعالم، هذا نص عربي and Hebrew: שלום עולם and more English.\n\nمرحبا بالعالم، هذا سطر كامل باللغة العربية يمتد عبر الصفحة.\n\n${filler}`,
    );
    const result = await build({ ...sharedBrowser, root, out: join(root, 'output'), cacheDir: false });
    const pdf = join(root, 'output', 'fixture.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
    const opening = Array.from({ length: pages }, (_, index) => index + 1).find(
      (page) => band(pdf, page, 0, 800).includes('مرحبا') || band(pdf, page, 0, 800).includes('English with Arabic'),
    );
    expect(result.outputs?.pdf).toBe(pdf);
    if (!opening) throw new Error('the chapter is not in the PDF');
    // The opening page has its number; the next pages their head and number too.
    for (const page of [opening, opening + 1, opening + 2]) {
      expect([page, /^\d+$/.test(band(pdf, page, 770, 72))]).toEqual([page, true]);
      if (page > opening) expect([page, band(pdf, page, 0, 80).startsWith('Mixed Scripts')]).toEqual([page, true]);
    }
  });
});

describe('a fourth language by the registry alone', () => {
  // Vietnamese: the pipeline has no entry for it; the book's settings give its fixed text
  // (`translations.vi.labels`) and a locale file of the few citation terms it changes.
  const fourth = join(fixtures, 'languages', 'fourth');
  const site = join(out, 'fourth', 'site');
  let result: BuildResult;
  beforeAll(async () => {
    result = await build({ ...sharedBrowser, root: fourth, out: join(out, 'fourth'), htmlOnly: true });
  });
  const page = (path: string) => readFileSync(join(site, path), 'utf8');

  test('builds with no message at all: nothing is left English, nothing cites in US English', () => {
    expect(formatReport(result.files)).toBe('');
    expect(page('vi/chapters/rivers.html')).toContain('<html lang="vi"');
  });

  test('the edition speaks Vietnamese where the pipeline would: contents, chapter label, captions, note links, case card, award', () => {
    expect(page('vi/index.html')).toContain('Mục lục');
    const chapter = page('vi/chapters/rivers.html');
    expect(chapter).toContain('Chương 1');
    expect(chapter).toMatch(/Bảng 1\.1: <\/span>Cảm biến theo quốc gia/);
    expect(chapter).toContain('<p class="source-note">Nguồn: số liệu thử nghiệm.</p>');
    // Written by the transform, in its worker: the book's labels reach it.
    expect(chapter).toContain('aria-label="Quay lại chỗ dẫn 1"');
    const item = page('vi/cases/song-mekong.html');
    expect(item).toContain('Giải Vàng');
    expect(item).toContain('Ủy ban Kinh tế số');
    expect(page('en/chapters/rivers.html')).toContain('Back to reference 1');
  });

  test('citations take the terms of the book’s locale file, the rest from en-US', () => {
    expect(page('vi/chapters/rivers.html')).toContain('(Mekong River Commission, không ngày)');
    expect(page('en/chapters/rivers.html')).toContain('(Mekong River Commission, n.d.)');
    expect(page('vi/chapters/rivers.html')).toContain('(Smith &#x26; Lee, 2020)');
  });

  /** The report of `check` on a copy of the fixture with one file edited. */
  const checkEdited = async (path: string, edit: (text: string) => string): Promise<string> => {
    const root = mkdtempSync(join(tmpdir(), 'whitepaper-fourth-'));
    try {
      cpSync(fourth, root, { recursive: true });
      writeFileSync(join(root, path), edit(readFileSync(join(root, path), 'utf8')));
      return formatReport((await check({ root })).files);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  test('a case written in Vietnamese has the Vietnamese sections; English ones are located errors naming them', async () => {
    const report = await checkEdited(join('cases', 'song-mekong.md'), (text) =>
      text.replace('## Bối cảnh', '## Background').replace('## Tác động', '## Impact'),
    );
    expect(report).toMatch(
      /cases\/song-mekong\.md\n\d+:\d+ +error Missing section `## Bối cảnh`, expected the sections `Bối cảnh`, `Giải pháp`, `Tác động` in that order case-section-missing/,
    );
  });

  test('fixed text left out, and no locale file, are warnings that say what stays English', async () => {
    const report = await checkEdited('whitepaper.yaml', (text) =>
      text
        .replace(/^ {6}contents: .*\n/m, '')
        .replace(/^ {6}draftMark: .*\n/m, '')
        .replace(/^ {4}citationLocale: .*\n/m, ''),
    );
    expect(report).toMatch(
      /\d+:\d+-\d+:\d+ +warning +Missing fixed text for `vi`: `contents`, `draftMark`, expected every text in `translations\.vi\.labels`: these stay English +settings-catalogue-missing/,
    );
    expect(report).toMatch(
      /warning +Missing citation locale for `vi`, expected `translations\.vi\.citationLocale` naming a CSL locale file such as `locales-vi-VN\.xml`: its citations use the terms of `en-US` +citation-locale-missing/,
    );
  });
});
