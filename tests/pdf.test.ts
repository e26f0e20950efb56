/**
 * End to end, in real Chromium: a fixture book built to HTML and PDF, checked from the PDF itself.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { build, type BuildResult } from '../pipeline/index.js';
import { fixtures, sharedBrowser } from './helpers.js';
import {
  caseEnds,
  certificateFoot,
  flowText,
  fonts,
  greyPage,
  outline,
  pageLabels,
  pageText,
  pdfInfo,
  pixelDifference,
  readPgm,
  writePgm,
} from './pdf-tools.js';

const root = join(fixtures, 'book', 'basic');
let out: string;
let pdf: string;
let result: BuildResult;
let pages: string[];

let labels: string[];

/** Index of the contents page (after the cover and the imprint). */
function contentsPage(): number {
  return pages.findIndex((text) => /^\s*Contents/.test(text));
}

/** TOC lines "Title …… 12" (or "…… iii") of the contents page, as the physical page each names. */
function tocNumbers(): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const line of pages[contentsPage()]?.split('\n') ?? []) {
    const match = /^\s*(?:\d+\s+)?(\S.*?)\s{2,}(\d+|[ivxlc]+)\s*$/.exec(line);
    if (match?.[1] && match[2]) numbers.set(match[1].trim(), labels.indexOf(match[2]) + 1);
  }
  return numbers;
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'whitepaper-pdf-'));
  result = await build({ ...sharedBrowser, root, out, casePdfs: true });
  pdf = join(out, 'fixture.pdf');
  const count = Number(pdfInfo(pdf)['Pages']);
  pages = Array.from({ length: count }, (_, index) => pageText(pdf, index + 1));
  labels = pageLabels(pdf);
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('book PDF', () => {
  test('is an A4 PDF with a cover, contents, chapters and the compendium', () => {
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^594\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(info['Pages'])).toBe(result.outputs?.pageCount);
    expect(pages.length).toBe(18);
    expect(pages[0]).toContain('Fixture Book');
    expect(pages[0]).toContain('A small book for the end-to-end test');
    expect(pages[0]).toContain('Test Edition');
    expect(pages[0]).toContain('Tech4SDG Test Press');
    expect(pages[0]).toContain('January 15, 2026');
    // The logo of the settings on the cover.
    const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', pdf], { encoding: 'utf8' });
    expect(images.trim().split('\n').length - 2).toBe(1);
    expect(readFileSync(join(out, 'site', 'index.html'), 'utf8')).toContain(
      '<img class="site-logo" src="assets/chapters/images/chart.png" alt="">',
    );
    // The imprint, on the back of the cover, then the contents.
    expect(flowText([pages[1] ?? ''])).toContain(
      '© 2026 Tech4SDG Test Press LICENCE CC BY 4.0 ISBN 978-3-16-148410-0 DOI 10.1234/fixture.2026 SUGGESTED CITATION Tech4SDG Test Press (2026). Fixture Book. DISCLAIMER A book made for tests.',
    );
    expect(pages[2]).toMatch(/^\s*Contents/);
  });

  test('every contents entry names the page its heading is on', () => {
    const numbers = tocNumbers();
    const expected = [
      'Foreword',
      'Alpha Infrastructure',
      'Connectivity',
      'Data Centres',
      'Energy Use',
      'Beta Digital Economy',
      'Markets in China',
      'Payments',
      'References',
      'Case Compendium',
      'River Sensors for Flood Warning',
    ];
    // The compendium's opening page lists its cases, like a second contents page.
    const listing = numbers.get('Case Compendium');
    for (const title of expected) {
      const page = numbers.get(title);
      expect([title, page]).toEqual([title, expect.any(Number)]);
      // The heading is on that page and on no page between the contents and it (chapter titles
      // also run in the header of their later pages, so only earlier pages are checked).
      const body = (number: number) => pages[number - 1] ?? '';
      expect([title, body(page ?? 0).includes(title)]).toEqual([title, true]);
      for (let earlier = contentsPage() + 2; earlier < (page ?? 0); earlier++)
        if (earlier !== listing)
          expect([title, earlier, pages[earlier - 1]?.includes(title)]).toEqual([title, earlier, false]);
    }
    // Sections that are not on their chapter's first page prove the numbers were read, not guessed.
    expect(numbers.get('Energy Use')).toBeGreaterThan(numbers.get('Alpha Infrastructure') ?? 0);
    // Printed once: the numbers were written into the print's placeholders.
    expect(result.outputs?.passes).toBe(1);
  });

  test('bookmarks mirror the contents: chapters with sections, the compendium with its cases', () => {
    const numbers = tocNumbers();
    const bookmarks = outline(pdf);
    expect(bookmarks.map((bookmark) => bookmark.title)).toEqual([
      'Foreword',
      '1  Alpha Infrastructure',
      '2  Beta Digital Economy',
      'References',
      'Case Compendium',
    ]);
    expect(bookmarks[1]?.kids.map((kid) => kid.title)).toEqual(['Connectivity', 'Data Centres', 'Energy Use']);
    expect(bookmarks[4]?.kids.map((kid) => kid.title)).toEqual([
      '東京グリーン台帳 Green Ledger',
      'River Sensors for Flood Warning',
      'Indices',
    ]);
    for (const bookmark of bookmarks.flatMap((item) => [item, ...item.kids])) {
      const title = bookmark.title.replace(/^\d+\s+/, '');
      if (numbers.has(title)) expect([title, bookmark.page]).toEqual([title, numbers.get(title)]);
    }
  });

  test('page labels: roman in the front matter, arabic from chapter 1, each the number its footer prints', () => {
    const alpha = tocNumbers().get('Alpha Infrastructure') ?? 0;
    expect(alpha).toBeGreaterThan(2);
    expect(labels.slice(0, alpha)).toEqual(
      ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii'].slice(0, alpha - 1).concat(['1']),
    );
    expect(labels.slice(alpha - 1)).toEqual(labels.slice(alpha - 1).map((_, index) => String(index + 1)));
    const footer = (number: number) => (pages[number - 1] ?? '').trim().split('\n').at(-1)?.trim();
    // The cover prints no number; every other page prints its label as its footer.
    expect(footer(1)).not.toBe('i');
    for (let number = 2; number <= pages.length; number++)
      expect([number, footer(number)]).toEqual([number, labels[number - 1]]);
  });

  test('body pages have the chapter title as running header, except where a chapter or case opens', () => {
    const alpha = tocNumbers().get('Alpha Infrastructure') ?? 0;
    const firstLine = (number: number) =>
      (pages[number - 1] ?? '')
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim();
    expect(firstLine(alpha + 1)).toBe('Alpha Infrastructure');
    // The opening page starts with the chapter's label, not a running head.
    expect(firstLine(alpha)).toBe('Chapter 1'.toUpperCase());
    const river = tocNumbers().get('River Sensors for Flood Warning') ?? 0;
    const top = (pages[river - 1] ?? '').split('\n').slice(0, 4).join('\n');
    expect(top.split('River Sensors for Flood Warning').length - 1).toBe(1);
  });

  test('"Figure 1.1" in the text links to the page of the figure, and the lists of figures and tables are right', async () => {
    const doc = await PDFDocument.load(readFileSync(pdf));
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    const pageOf = (name: PDFName) => {
      const target = doc.context.lookup(dests.get(name)) as unknown as { get(index: number): unknown };
      return doc.getPages().findIndex((page) => page.ref === target.get(0)) + 1;
    };
    // The figure's caption is on the page its destination names.
    const figurePage = pages.findIndex((text) => text.includes('Figure 1.1: Coverage over time')) + 1;
    expect(figurePage).toBeGreaterThan(3);
    // The sentence that refers to it is on a later page, with a link annotation to it.
    const referencePage = pages.findIndex((text) => text.includes('looking back at Figure 1.1 and Table 1.1')) + 1;
    expect(referencePage).toBeGreaterThan(figurePage);
    const links = (
      doc
        .getPage(referencePage - 1)
        .node.Annots()
        ?.asArray() ?? []
    ).map((ref) => (doc.context.lookup(ref) as PDFDict).get(PDFName.of('Dest')));
    const linkPages = links.filter((dest): dest is PDFName => dest instanceof PDFName).map(pageOf);
    expect(linkPages).toContain(figurePage);
    // Lists of figures and tables: the numbers printed are the pages of the captions.
    const lists = pages[contentsPage() + 1] ?? '';
    expect(lists).toMatch(/List of Figures\s+1\.1\s+Coverage over time\s+(\d+)/);
    expect(/1\.1\s+Coverage over time\s+(\d+)/.exec(lists)?.[1]).toBe(labels[figurePage - 1]);
    const tablePage = pages.findIndex((text) => text.includes('Table 1.1: Coverage by country')) + 1;
    expect(/1\.1\s+Coverage by country\s+(\d+)/.exec(lists)?.[1]).toBe(labels[tablePage - 1]);
  });

  test('citations are formatted (APA by default) and the references list the cited works', () => {
    const all = flowText(pages);
    expect(all).toContain('Coverage keeps growing (Smith & Lee, 2020, p. 12).');
    expect(all).toContain('as UNESCO (2023) did.');
    const references = flowText([pages[(tocNumbers().get('References') ?? 0) - 1] ?? '']);
    expect(references).toMatch(
      /Smith, J\., & Lee, M\. \(2020\)\. Digital infrastructure in Asia\. Journal of Development, 12, 1– ?20\./,
    );
    expect(references).toMatch(/UNESCO\. \(2023\)\. Global Education Monitoring Report\. UNESCO\./);
  });

  test('typefaces: every font is one of the book’s families, embedded (none from the system, none unnamed)', () => {
    const named = fonts(pdf);
    expect(named.length).toBeGreaterThan(3);
    const declared = /^([A-Z]{6}\+)?(SourceSerif4|SourceSans3|SourceCodePro|Noto(Serif|Sans)(SC|JP|KR|TC))/;
    expect(named.filter((font) => !declared.test(font.name) || !font.embedded)).toEqual([]);
  });

  test('the site links every page to the PDF', () => {
    const index = readFileSync(join(out, 'site', 'index.html'), 'utf8');
    expect(index).toContain('<a class="pdf-link" href="../fixture.pdf" type="application/pdf">PDF</a>');
    expect(readFileSync(join(out, 'site', 'chapters', 'alpha.html'), 'utf8')).toContain('href="../../fixture.pdf"');
  });

  test('reference pages: cover, contents, a chapter opening, a case and a certificate look as they did', () => {
    const numbers = tocNumbers();
    const shots: [string, string, number][] = [
      ['cover', pdf, 1],
      ['contents', pdf, contentsPage() + 1],
      ['chapter-opening', pdf, numbers.get('Alpha Infrastructure') ?? 0],
      ['case', pdf, numbers.get('River Sensors for Flood Warning') ?? 0],
      ['certificate', join(out, 'certificates', 'tokyo-ledger.pdf'), 1],
    ];
    expect(unlikeReferences(shots)).toEqual([]);
  });

  test('contents entries are working internal links', async () => {
    const doc = await PDFDocument.load(readFileSync(pdf));
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    const annotations = doc.getPage(contentsPage()).node.Annots()?.asArray() ?? [];
    const targets = annotations.map((ref) => (doc.context.lookup(ref) as PDFDict).get(PDFName.of('Dest')));
    expect(targets.length).toBe(tocNumbers().size);
    for (const target of targets) expect(target instanceof PDFName && dests.get(target) !== undefined).toBe(true);
  });

  test('metadata: title, author, subject, keywords, language; tagged', async () => {
    const info = pdfInfo(pdf);
    expect(info['Title']).toBe('Fixture Book');
    expect(info['Author']).toBe('Tech4SDG Test Press');
    expect(info['Subject']).toBe('A small book for the end-to-end test');
    expect(info['Keywords']).toBe('testing sustainability');
    expect(info['Tagged']).toBe('yes');
    const doc = await PDFDocument.load(readFileSync(pdf));
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en');
  });

  test('Chinese, Japanese and Korean text extracts as written, in embedded fonts', () => {
    const all = flowText(pages);
    expect(all).toContain('数字经济是推动可持续发展的重要力量。');
    expect(all).toContain('日本語の文章もここにあります。');
    expect(all).toContain('한국어 문장도 있습니다.');
    expect(all).toContain('東京グリーン台帳株式会社');
    expect(fonts(pdf).every((font) => font.embedded)).toBe(true);
  });

  test("the compendium opens with its charts and closes with indices whose numbers are the cases' pages", () => {
    const numbers = tocNumbers();
    const compendium = pages[(numbers.get('Case Compendium') ?? 0) - 1] ?? '';
    expect(compendium).toContain('Case studies per SDG');
    // Two cases from two countries: a chart of equal bars is left out, the index says it.
    expect(compendium).not.toContain('Case studies per country');
    const indices = pages.slice((numbers.get('Indices') ?? 0) - 1).join('\n');
    expect(indices).toMatch(/Cases by country\s+Japan\s+東京グリーン台帳 Green Ledger\s+(\d+)/);
    expect(/Japan\s+東京グリーン台帳 Green Ledger\s+(\d+)/.exec(indices)?.[1]).toBe(
      labels[(numbers.get('東京グリーン台帳 Green Ledger') ?? 0) - 1],
    );
    expect(indices).toMatch(/SDG 13: Climate Action\s+River Sensors for Flood Warning\s+\d+/);
    expect(indices).toMatch(/ESG Committee\s+River Sensors for Flood Warning\s+\d+/);
  });

  test('awarded cases get a one-page A4 landscape certificate, others none', () => {
    expect(readdirSync(join(out, 'certificates'))).toEqual(['tokyo-ledger.pdf']);
    const certificate = join(out, 'certificates', 'tokyo-ledger.pdf');
    const info = pdfInfo(certificate);
    expect(info['Pages']).toBe('1');
    expect(info['Page size']).toMatch(/^841\.\d+ x 594\.\d+ pts/);
    expect(info['Title']).toBe('Gold Award: 東京グリーン台帳 Green Ledger');
    const text = pageText(certificate, 1);
    for (const expected of [
      'Tech4SDG Test Press',
      'GOLD AWARD',
      '東京グリーン台帳株式会社',
      '東京グリーン台帳 Green Ledger',
      'Test Edition',
      'January 15, 2026',
      // Signature lines, with the names and roles the settings give.
      'Ada Example',
      'Chair of the Jury',
    ])
      expect(text).toContain(expected);
  });

  test('a certificate’s foot is symmetric: one signatory’s signature and the seal either side of the axis, the edition line on it', () => {
    const foot = certificateFoot(join(out, 'certificates', 'tokyo-ledger.pdf'), ['Ada Example'], 'GOLD AWARD');
    const [signature = 0] = foot.names;
    expect(Math.abs(foot.seal + signature - foot.width)).toBeLessThan(6);
    expect(Math.abs(foot.edition - foot.width / 2)).toBeLessThan(6);
    expect(signature).toBeGreaterThan(foot.width / 2);
  });

  test('--case-pdfs cuts each case out of the book, with its own title', () => {
    expect(readdirSync(join(out, 'cases'))).toEqual(['river-sensors.pdf', 'tokyo-ledger.pdf']);
    const numbers = tocNumbers();
    const river = join(out, 'cases', 'river-sensors.pdf');
    expect(pdfInfo(river)['Title']).toBe('River Sensors for Flood Warning');
    expect(Number(pdfInfo(river)['Pages'])).toBe(
      (numbers.get('Indices') ?? 0) - (numbers.get('River Sensors for Flood Warning') ?? 0),
    );
    expect(pageText(river, 1)).toContain('Mekong Water Lab');
    expect(pageText(join(out, 'cases', 'tokyo-ledger.pdf'), 1)).toContain('GOLD AWARD');
  });

  test("the editors' dashboard gives each case its pages as the book numbers them, sorted by the PDF's", () => {
    const dashboard = readFileSync(join(out, 'editors', 'index.html'), 'utf8');
    // The case's page in the PDF (17), and what its footer and the contents call it (12).
    const page = tocNumbers().get('River Sensors for Flood Warning') ?? 0;
    const printed = labels[page - 1];
    expect(printed).not.toBe(String(page));
    expect(dashboard).toContain(`<td data-value="${page}" class="number">${printed}</td>`);
  });

  test('no private contact reaches any output file', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
      );
    for (const file of files(out)) {
      const text = readFileSync(file).toString('latin1');
      expect([
        file,
        text.includes('private.person@example.org') ||
          text.includes('hidden@example.jp') ||
          text.includes('Private Person'),
      ]).toEqual([file, false]);
    }
    expect(flowText(pages)).not.toContain('example.org');
  });
});

/**
 * Pages that no longer look as their reference images (`tests/fixtures/pages/<name>.pgm`): up to
 * 1% of the pixels may differ (anti-aliasing, a glyph's hinting); a design change is deliberate:
 * review the new images, and commit them with `UPDATE=1`.
 *
 * @param shots Name of each reference, the PDF and the page.
 * @returns What changed, and by how much.
 */
function unlikeReferences(shots: readonly [string, string, number][]): string[] {
  const folder = join(fixtures, 'pages');
  const changed: string[] = [];
  for (const [name, file, page] of shots) {
    const image = greyPage(file, page);
    const reference = join(folder, `${name}.pgm`);
    if (process.env['UPDATE'] === '1' || !existsSync(reference)) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(reference, writePgm(image));
      continue;
    }
    const difference = pixelDifference(image, readPgm(readFileSync(reference)));
    if (difference > 0.01) changed.push(`${name}: ${(difference * 100).toFixed(1)}% of the pixels`);
  }
  return changed;
}

describe('chapters that open on a recto (`chapterOpening: recto`), parts and key messages, and a back cover in a book without an imprint', () => {
  const root = mkdtempSync(join(tmpdir(), 'whitepaper-recto-'));
  let pdf = '';
  beforeAll(async () => {
    execFileSync('cp', ['-r', `${join(fixtures, 'book', 'basic')}/.`, root]);
    const settings = join(root, 'whitepaper.yaml');
    // No imprint: the back cover names none of its fields (a template that read them failed).
    const text = readFileSync(settings, 'utf8').replace(/^imprint:\n(?: {2}.*\n)+/m, '');
    writeFileSync(
      settings,
      `${text}\nchapterOpening: recto\nbackCover:\n  text: A book made for tests, on its back.\n`,
    );
    // A case that would run a line or two onto a page of its own.
    cpSync(join(fixtures, 'pdf', 'overflowing-case.md'), join(root, 'cases', 'overflowing.md'));
    // Two parts, and key messages in both chapters.
    for (const [name, part, messages] of [
      ['01-alpha.md', 'Foundations', ['Networks come before services.', 'People run the networks.']],
      ['02-beta.md', 'Markets', ['Payments bring people into the formal economy.']],
    ] as const) {
      const chapter = join(root, 'chapters', name);
      const head = `---\npart: ${part}\nkeyMessages:\n${messages.map((message) => `  - ${message}\n`).join('')}`;
      writeFileSync(chapter, readFileSync(chapter, 'utf8').replace(/^---\n/, head));
    }
    const result = await build({ ...sharedBrowser, root, out: join(root, 'output') });
    pdf = result.outputs?.editions[0]?.pdf ?? '';
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('every part, chapter, the references and the compendium open on an odd page, after a blank verso with no furniture', () => {
    // The key messages are front matter: they open no part.
    const opened = outline(pdf)
      .filter((entry) => entry.title !== 'Key messages')
      .map((entry) => entry.page);
    expect(outline(pdf).filter((entry) => entry.title.startsWith('Part '))).toHaveLength(2);
    expect(opened.length).toBeGreaterThanOrEqual(4);
    expect(opened.filter((page) => page % 2 === 0)).toEqual([]);
    // A part the flow would have opened on a verso has a blank before it: no text, no number.
    const blanks = opened.map((page) => page - 1).filter((page) => pageText(pdf, page).trim() === '');
    expect(blanks.length).toBeGreaterThan(0);
  });

  test('the contents give the pages the parts open on, and the body still counts from chapter 1', () => {
    const labels = pageLabels(pdf);
    const entries = outline(pdf);
    const first = entries.find((entry) => /^1\s/.test(entry.title));
    expect(labels[(first?.page ?? 0) - 1]).toBe('1');
    // Cover, then the contents (no imprint in this copy).
    const contents = pageText(pdf, 2);
    for (const entry of entries.filter((item) => /^\d+\s/.test(item.title)))
      expect(contents).toMatch(
        new RegExp(`${entry.title.replace(/^\d+\s+/, '')}\\s+${labels[entry.page - 1] ?? '?'}\\n`),
      );
  });

  test('reference pages: the key messages, numbered through the book, and a part divider look as they did', () => {
    const entries = outline(pdf);
    const page = (title: string) => entries.find((entry) => entry.title.startsWith(title))?.page ?? 0;
    expect(pageText(pdf, page('Key messages'))).toMatch(/1\. Networks[\s\S]*2\. People[\s\S]*3\. Payments/);
    expect(
      unlikeReferences([
        ['key-messages', pdf, page('Key messages')],
        ['part-divider', pdf, page('Part II')],
      ]),
    ).toEqual([]);
  });

  test('a case whose last page would hold a line or two is set a little tighter, and takes them back', () => {
    // The first print found it over (the case is set tighter: 4% of its last page, else), and the
    // book's print shows its end on a page at least 40% full.
    const document = readFileSync(join(root, 'output', 'print', 'book.html'), 'utf8');
    const tight = [...document.matchAll(/<div class="page-group case-tight"[\s\S]*?<h1 [^>]*>([^<]*)</g)].map(
      (match) => match[1],
    );
    expect(tight).toEqual(['A Case That Runs Two Lines Over']);
    const ends = caseEnds(pdf);
    expect(ends.map((end) => end.title)).toContain('A Case That Runs Two Lines Over');
    expect(ends.filter((end) => end.fill < 0.4)).toEqual([]);
  });

  test('the book ends on its back cover, a verso, without the imprint fields it does not have', () => {
    const count = Number(pdfInfo(pdf)['Pages']);
    expect(count % 2).toBe(0);
    const back = pageText(pdf, count);
    expect(back).toContain('A book made for tests, on its back.');
    expect(back).not.toMatch(/ISBN|DOI/);
  });
});
