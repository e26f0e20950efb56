/**
 * Conformance gates on the sample book, by checkers nobody here wrote: qpdf, poppler, axe-core
 * in Chromium, the W3C Nu HTML Checker; and reproducible builds.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { buildToc } from '../pipeline/assemble/toc.js';
import { build, type Book, type BuildResult } from '../pipeline/index.js';
import { brokenLinks, listFiles } from './links.js';
import { testBrowser, untranslated } from './helpers.js';
import {
  certificateFoot,
  fonts,
  metadataOf,
  outline,
  pageLabels,
  pageText,
  pdfInfo,
  structElements,
  taggedText,
} from './pdf-tools.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'whitepaper-conformance-'));
let first: BuildResult;
let second: BuildResult;
let pdf: string;

beforeAll(async () => {
  process.env['SOURCE_DATE_EPOCH'] = '1795000000';
  try {
    // Each in a browser of its own, as a user's build is: in the run's shared Chromium, other suites'
    // prints may share a renderer process with these, and a tagged PDF records the process's node ids.
    first = await build({ root, out: join(temp, 'a'), casePdfs: true });
    second = await build({ root, out: join(temp, 'b'), casePdfs: true });
  } finally {
    delete process.env['SOURCE_DATE_EPOCH'];
  }
  pdf = first.outputs?.pdf ?? '';
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('PDF', () => {
  test('qpdf --check finds no errors', () => {
    const result = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    expect(result.stdout).toContain('No syntax or stream encoding errors found');
    expect(result.status).toBe(0);
  });

  test('is tagged, embeds every font, and sets title and language', async () => {
    const info = pdfInfo(pdf);
    expect(info['Tagged']).toBe('yes');
    expect(info['Title']).toBe('Asia Science and Technology for Sustainable Development');
    expect(fonts(pdf).filter((font) => !font.embedded)).toEqual([]);
    const doc = await PDFDocument.load(readFileSync(pdf));
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en');
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
  });

  /** The PDFs PDF/UA applies to: both books, a certificate and a case PDF. */
  const uaFiles = () => {
    const certificates = listFiles(join(temp, 'a', 'certificates')).filter((name) => name.endsWith('.pdf'));
    const cases = listFiles(join(temp, 'a', 'cases')).filter((name) => name.endsWith('.pdf'));
    return [
      ...(first.outputs?.editions.slice(0, 2).map((edition) => edition.pdf ?? '') ?? []),
      join(temp, 'a', 'certificates', certificates[0] ?? ''),
      join(temp, 'a', 'cases', cases.find((name) => name.startsWith('green-ledger')) ?? cases[0] ?? ''),
    ];
  };
  const languageOf = (file: string) => (file.includes('-zh.pdf') ? 'zh' : 'en');

  test('PDF/UA: each is tagged, with a structure tree of its own (a certificate and a case PDF too)', async () => {
    for (const file of uaFiles()) {
      expect([file, pdfInfo(file)['Tagged']]).toEqual([file, 'yes']);
      const types = (await structElements(readFileSync(file))).map((element) => element.type);
      expect([file, types.includes('Document'), types.filter((type) => /^H\d$/.test(type)).length > 0]).toEqual([
        file,
        true,
        true,
      ]);
    }
  });

  test('PDF/UA (Matterhorn 13-004): every Figure in the books, a certificate and a case PDF has alternative text', async () => {
    for (const file of uaFiles()) {
      const figures = (await structElements(readFileSync(file))).filter((element) => element.type === 'Figure');
      // The sample's books show charts and logos; each is a Figure with its words.
      expect([file, figures.filter((figure) => !figure.alt?.trim() && !figure.actualText?.trim())]).toEqual([file, []]);
    }
    const book = (await structElements(readFileSync(pdf))).filter((element) => element.type === 'Figure');
    expect(book.length).toBeGreaterThanOrEqual(5);
  });

  test('PDF/UA (Matterhorn 01-005): no text is outside both the tags and the artifacts; running heads and page numbers are pagination artifacts', async () => {
    for (const file of uaFiles()) {
      const { untagged } = await taggedText(readFileSync(file), languageOf(file));
      expect([file, untagged]).toEqual([file, []]);
    }
    const { artifacts } = await taggedText(readFileSync(pdf), 'en');
    const labels = pageLabels(pdf);
    // Every page of the body but the covers, openers and blank versos shows its number as an artifact.
    const numbered = labels.filter((label, index) => artifacts[index]?.includes(label));
    expect(numbered.length).toBeGreaterThanOrEqual(labels.length / 2);
    // A running head: the chapter's title on a page after its first, as an artifact.
    expect(artifacts.flat()).toContain('Digital Infrastructure for Inclusive Development');
  });

  test('PDF/UA (Matterhorn 14-003): heading levels never skip one, in the books, a certificate and a case PDF', async () => {
    for (const file of uaFiles()) {
      const levels = (await structElements(readFileSync(file)))
        .map((element) => /^H(\d)$/.exec(element.type)?.[1])
        .filter((level): level is string => level !== undefined)
        .map(Number);
      const skips = levels.flatMap((level, index) =>
        index > 0 && level > (levels[index - 1] ?? 0) + 1 ? [index] : [],
      );
      expect([file, levels[0], skips]).toEqual([file, 1, []]);
    }
  });

  test('PDF/UA (Matterhorn 15-003): every table header cell has a Scope', async () => {
    const headers = (await structElements(readFileSync(pdf))).filter((element) => element.type === 'TH');
    expect(headers.length).toBeGreaterThan(10);
    expect(headers.filter((header) => !['Column', 'Row', 'Both'].includes(header.scope ?? ''))).toEqual([]);
  });

  test('PDF/UA (Matterhorn 11): the document declares its language, and CJK text (names in the English edition, locale terms in a Latin reference) its own', async () => {
    for (const file of uaFiles()) {
      const doc = await PDFDocument.load(readFileSync(file));
      expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe(languageOf(file));
      const { misdeclared } = await taggedText(readFileSync(file), languageOf(file));
      expect([file, misdeclared]).toEqual([file, []]);
    }
    // The English edition has CJK names, each in an element that says so.
    const langs = (await structElements(readFileSync(pdf))).map((element) => element.lang);
    expect(langs).toContain('zh');
    expect(langs).toContain('ja');
  });

  test('PDF/UA (Matterhorn 07-001, 06-002, 06-003): the title is shown, the XMP names PDF/UA-1, title, creator and language', async () => {
    for (const file of uaFiles()) {
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
      const preferences = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
      expect([file, preferences.get(PDFName.of('DisplayDocTitle'))?.toString()]).toEqual([file, 'true']);
      const xmp = await metadataOf(file);
      expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(xmp).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">[^<]+<\/rdf:li>/);
      expect(xmp).toMatch(/<dc:creator><rdf:Seq><rdf:li>[^<]+<\/rdf:li>/);
      expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${languageOf(file)}</rdf:li></rdf:Bag></dc:language>`);
    }
  });

  test('PDF/UA (Matterhorn 28): pages with annotations take them in structure order, and every link describes where it leads', async () => {
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    let links = 0;
    const described: string[] = [];
    for (const page of doc.getPages()) {
      const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      if (!annotations || annotations.size() === 0) continue;
      expect(page.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
      for (const ref of annotations.asArray()) {
        const annotation = doc.context.lookup(ref, PDFDict);
        if (annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
        links++;
        const contents = annotation.lookup(PDFName.of('Contents'));
        described.push(contents instanceof PDFHexString || contents instanceof PDFString ? contents.decodeText() : '');
      }
    }
    expect(links).toBeGreaterThan(50);
    expect(described.filter((text) => text.trim() === '')).toEqual([]);
    expect(described).toContain('1 Digital Infrastructure for Inclusive Development');
    expect(described.some((text) => text.startsWith('Figure 1.1: Households with broadband'))).toBe(true);
  });

  test('PDF/UA (Matterhorn 31): every font is embedded and maps its glyphs to Unicode', async () => {
    for (const file of uaFiles()) {
      expect([file, fonts(file).filter((font) => !font.embedded)]).toEqual([file, []]);
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
      const missing: string[] = [];
      for (const [, object] of doc.context.enumerateIndirectObjects()) {
        if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/Font') continue;
        const subtype = object.get(PDFName.of('Subtype'))?.toString() ?? '';
        // A Type 0 font's descendant has its map in the Type 0 font.
        if (subtype.startsWith('/CIDFont')) continue;
        if (!object.get(PDFName.of('ToUnicode')))
          missing.push(`${subtype} ${object.get(PDFName.of('BaseFont'))?.toString() ?? ''}`);
      }
      expect([file, missing]).toEqual([file, []]);
    }
  });

  test('the outline matches the table of contents, titles and pages', () => {
    // Titles: the outline is the contents, entry for entry.
    const toc = buildToc(first.book as Book);
    const expected = toc.map((entry) => ({
      title: entry.label ? `${entry.label}  ${entry.title}` : entry.title,
      kids: entry.children.map((child) => child.title),
    }));
    const bookmarks = outline(pdf);
    expect(bookmarks.map((entry) => ({ title: entry.title, kids: entry.kids.map((kid) => kid.title) }))).toEqual(
      expected,
    );
    // Pages: each bookmark's page is the one the printed contents name (by its label: iii, 12).
    const labels = pageLabels(pdf);
    const contents = [3, 4].map((page) => pageText(pdf, page, 'raw')).join('\n');
    let cursor = 0;
    for (const entry of bookmarks.flatMap((item) => [item, ...item.kids])) {
      const title = entry.title.replace(/^\d+\s+/, '');
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
      // Entries in order: "Recommendations" is in every chapter.
      const match = new RegExp(`${escaped}\\s+(\\d+|[ivxlc]+)\\b`).exec(contents.slice(cursor));
      cursor += (match?.index ?? 0) + (match?.[0].length ?? 0);
      expect([title, labels[entry.page - 1]]).toEqual([title, match?.[1]]);
    }
  });

  test('every internal link points to an existing destination', async () => {
    const doc = await PDFDocument.load(readFileSync(pdf));
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    let links = 0;
    for (const page of doc.getPages()) {
      for (const ref of page.node.Annots()?.asArray() ?? []) {
        const dest = (doc.context.lookup(ref) as PDFDict).get(PDFName.of('Dest'));
        if (!dest) continue;
        links++;
        expect([String(dest), dest instanceof PDFName && dests.get(dest) !== undefined]).toEqual([String(dest), true]);
      }
    }
    expect(links).toBeGreaterThan(50);
  });

  test('a certificate with two signatories is symmetric: a signature each side of the seal, the edition line centred', () => {
    const certificate = join(temp, 'a', 'certificates', 'digital-twin-seoul-heat.pdf');
    const foot = certificateFoot(certificate, ['Dr. Mei Lin Tan', 'Prof. Arjun Rao'], 'SPECIAL COMMENDATION');
    const [left = 0, right = 0] = foot.names;
    expect(Math.abs(left + right - foot.width)).toBeLessThan(6);
    expect(Math.abs(foot.seal - foot.width / 2)).toBeLessThan(6);
    expect(Math.abs(foot.edition - foot.width / 2)).toBeLessThan(6);
  });

  test('table columns size themselves: numbers narrow and whole, text columns unbroken by hyphens', () => {
    const pdf = first.outputs?.editions[0]?.pdf ?? '';
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    // Table 1.1: its last column took what the wide heading of a column of numbers left, and
    // broke "se-curity"; now each number stands whole and the text column has its words.
    expect(text).toMatch(/ Advanced +95–98% +0\.3% +Resilience and security\n/);
    expect(text).toMatch(/ Emerging +50–70% +2\.8% +Affordability and skills\n/);
  });

  test('no paragraph ends on a lone short word or a lone CJK character, in either edition', () => {
    const short = /^(?:\p{Script=Han}[。！？]|\p{L}{1,4}\.)$/u;
    const found = (first.outputs?.editions ?? []).flatMap(({ pdf }) =>
      pdf
        ? spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
            .stdout.split('\n')
            .map((line) => line.trim())
            .filter((line) => short.test(line))
        : [],
    );
    expect(found).toEqual([]);
  });

  test('two builds with SOURCE_DATE_EPOCH give identical PDF bytes and identical HTML', () => {
    for (const name of ['asia-st4sd-2026-en.pdf', 'asia-st4sd-2026-zh.pdf'])
      expect([name, readFileSync(join(temp, 'a', name)).equals(readFileSync(join(temp, 'b', name)))]).toEqual([
        name,
        true,
      ]);
    expect(pdfInfo(pdf)['CreationDate']).toMatch(/2026/);
    const site = (out: string) =>
      listFiles(join(temp, out, 'site')).map((file) => [
        file,
        readFileSync(join(temp, out, 'site', file)).toString('base64'),
      ]);
    expect(site('b')).toEqual(site('a'));
    expect(second.outputs?.pageCount).toBe(first.outputs?.pageCount);
  });
});

describe('EPUB', () => {
  const epubs = () => first.outputs?.editions.map((edition) => edition.epub ?? '') ?? [];

  test('every edition has one', () => {
    expect(epubs().map((path) => path.split('/').at(-1))).toEqual([
      'asia-st4sd-2026-en.epub',
      'asia-st4sd-2026-zh.epub',
      'asia-st4sd-2026-ja.epub',
    ]);
  });

  test('EPUBCheck finds no error and no warning in any edition', () => {
    for (const epub of epubs()) {
      const report = join(temp, `${epub.split('/').at(-1)}.epubcheck.json`);
      spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', epub, '--json', report], { encoding: 'utf8' });
      // The test fails when EPUBCheck did not run: no report, or one of another file.
      const json = JSON.parse(readFileSync(report, 'utf8')) as {
        checker: { nFatal: number; nError: number; nWarning: number; checkerVersion: string };
        publication: { language: string };
        messages: { ID: string; severity: string; message: string }[];
      };
      expect(json.checker.checkerVersion).toMatch(/^4\./);
      expect([epub, json.messages.map((message) => `${message.severity} ${message.ID} ${message.message}`)]).toEqual([
        epub,
        [],
      ]);
      expect([json.checker.nFatal, json.checker.nError, json.checker.nWarning]).toEqual([0, 0, 0]);
    }
  });

  test('Ace by DAISY finds no serious or critical violation, and the metadata it asks for', () => {
    const ace = require.resolve('@daisy/ace-cli/bin/ace.js');
    for (const epub of epubs()) {
      const folder = join(temp, `ace-${epub.split('/').at(-1)}`);
      spawnSync(process.execPath, [ace, '-s', '-f', '-o', folder, epub], {
        encoding: 'utf8',
        env: {
          ...process.env,
          PUPPETEER_EXECUTABLE_PATH: process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium',
        },
      });
      const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')) as {
        'earl:result': { 'earl:outcome': string };
        assertions: {
          'earl:testSubject': { url: string };
          assertions?: { 'earl:test': { 'earl:impact': string; 'dct:title': string } }[];
        }[];
        'a11y-metadata': { missing: string[] };
      };
      // Ace read every content document (the test fails when it did not run on them).
      expect(report.assertions.length).toBeGreaterThanOrEqual(20);
      const violations = report.assertions.flatMap((document) =>
        (document.assertions ?? [])
          .filter((assertion) => ['serious', 'critical'].includes(assertion['earl:test']['earl:impact']))
          .map((assertion) => `${document['earl:testSubject'].url}: ${assertion['earl:test']['dct:title']}`),
      );
      expect([epub, violations]).toEqual([epub, []]);
      expect(report['a11y-metadata'].missing.filter((name) => !name.startsWith('a11y:certifier'))).toEqual([]);
    }
  });

  test('two builds with SOURCE_DATE_EPOCH give identical EPUB bytes', () => {
    for (const epub of epubs()) {
      const name = epub.split('/').at(-1) ?? '';
      expect([name, readFileSync(join(temp, 'a', name)).equals(readFileSync(join(temp, 'b', name)))]).toEqual([
        name,
        true,
      ]);
    }
  });

  test("the page list takes a reader to the PDF's page: the words after each mark are on the page it names", () => {
    for (const [index, epub] of epubs().entries()) {
      const book = unzipSync(readFileSync(epub));
      const text = (path: string) => strFromU8(book[`EPUB/${path}`] ?? new Uint8Array());
      const nav = text('nav.xhtml');
      const entries = [
        ...(/<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '').matchAll(
          /<a href="([^"#]+)#([^"]+)">([^<]+)<\/a>/g,
        ),
      ].map(([, path = '', id = '', label = '']) => ({ path, id, label }));
      const pdfPath = first.outputs?.editions[index]?.pdf ?? '';
      const labels = pageLabels(pdfPath);
      // Most pages with text are listed (blank versos and the back cover are not in the EPUB).
      expect(entries.length).toBeGreaterThanOrEqual(labels.length * 0.7);
      const letters = (value: string) => (value.match(/[\p{L}\p{N}]/gu) ?? []).join('').toLowerCase();
      const wrong = entries.filter(({ path, id, label }) => {
        const document = text(path);
        const after = document.slice(document.indexOf(`id="${id}"`));
        const words = letters(after.slice(after.indexOf('>') + 1).replace(/<[^>]*>/g, '')).slice(0, 12);
        const page = labels.indexOf(label) + 1;
        const printed = letters(pageText(pdfPath, page, 'raw'));
        return page === 0 || !printed.includes(words);
      });
      expect([epub, wrong]).toEqual([epub, []]);
    }
  });
});

describe('HTML site', () => {
  test('every internal link and anchor resolves', () => {
    expect(brokenLinks(join(temp, 'a', 'site'))).toEqual([]);
  });

  test('axe-core finds no serious or critical violation on any page, light or dark; figures keep a light panel in the dark', async () => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const { browser, release } = await testBrowser();
    const found: string[] = [];
    try {
      const page = await browser.newPage();
      const files = listFiles(join(temp, 'a', 'site')).filter((name) => name.endsWith('.html'));
      for (const [scheme, file] of ['light', 'dark'].flatMap((value) => files.map((name) => [value, name] as const))) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(pathToFileURL(join(temp, 'a', 'site', file)).href, { waitUntil: 'load' });
        // Figures are drawn dark on transparent: in the dark they stand on white.
        const panels = await page.$$eval('figure img, figure.chart svg', (images) =>
          images.map((image) => getComputedStyle(image).backgroundColor),
        );
        for (const panel of panels)
          if (scheme === 'dark' && panel !== 'rgb(255, 255, 255)')
            found.push(`${file}: figure without a light panel (${panel})`);
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          const result = await (
            window as unknown as {
              axe: {
                run: (
                  context: Document,
                  options: object,
                ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
              };
            }
          ).axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map((violation) => `${violation.id} (${violation.nodes.length})`);
        });
        for (const violation of violations) found.push(`${file} (${scheme}): ${violation}`);
      }
    } finally {
      await release();
    }
    expect(found).toEqual([]);
  });

  test('numbers in a column of mixed decimals stand on one decimal point, in the site and in the print', async () => {
    const { browser, release } = await testBrowser();
    try {
      const page = await browser.newPage();
      for (const file of [
        join(temp, 'a', 'site', 'en', 'chapters', 'digital-economy.html'),
        join(temp, 'a', 'print', 'en', 'book.html'),
      ]) {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        // Per column of the payments table: the left edge of each fraction's box (where its point is).
        const edges = await page.$$eval('table[id$="tbl-payments"] tbody tr', (rows) =>
          rows.map((row) =>
            Array.from(row.querySelectorAll<HTMLElement>('td.align-decimal')).map(
              (cell: HTMLElement) =>
                Math.round((cell.querySelector('[class^="decimal-"]')?.getBoundingClientRect().left ?? -1) * 10) / 10,
            ),
          ),
        );
        expect(edges).toHaveLength(4);
        expect(edges[0]).toHaveLength(2);
        for (const column of [0, 1]) expect(new Set(edges.map((row) => row[column])).size).toBe(1);
      }
    } finally {
      await release();
    }
  });

  test('the W3C Nu HTML Checker finds no error on any page', () => {
    const jar = require('vnu-jar') as string;
    const files = listFiles(join(temp, 'a', 'site'))
      .filter((name) => name.endsWith('.html'))
      .map((name) => join(temp, 'a', 'site', name));
    const result = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], {
      encoding: 'utf8',
    });
    // The checker must have run: without Java, or with a jar that failed, there is nothing to trust.
    expect(result.error).toBeUndefined();
    const report = JSON.parse(result.stderr) as {
      version?: string;
      messages: { url: string; message: string; lastLine?: number }[];
    };
    expect(report.version).toMatch(/^\d+/);
    const { messages } = report;
    expect(
      messages.map((message) => `${message.url.split('/site/')[1]}:${message.lastLine ?? 0} ${message.message}`),
    ).toEqual([]);
  });
});

describe('whitepaper check lints the sample book cleanly', () => {
  test('no warnings but the chapters the Chinese edition shows in English', () => {
    expect(
      first.files.flatMap((file) =>
        file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`),
      ),
    ).toEqual(untranslated);
  });
});
