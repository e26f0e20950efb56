/**
 * A two-edition book whose chapters and case link to each other in every way authors write
 * links: the site has no broken link, the PDFs' internal links land on their headings, no output
 * names a file of the build machine, and builds into two output folders are byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { build, check } from '../pipeline/index.js';
import { destinationId, readDestinations } from '../pipeline/render/print/finish.js';
import { printId } from '../pipeline/render/print/ids.js';
import { formatReport } from '../pipeline/report.js';
import { expectFile, fixtures, sharedBrowser } from './helpers.js';
import { brokenLinks, listFiles } from './links.js';
import { pageText } from './pdf-tools.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-linked-'));
const root = join(temp, 'book');
const outs = [join(temp, 'out-one'), join(temp, 'elsewhere', 'out-two')];

beforeAll(async () => {
  cpSync(join(fixtures, 'book', 'linked'), root, { recursive: true });
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  process.env['SOURCE_DATE_EPOCH'] = '1767225600';
  try {
    for (const out of outs) await build({ ...sharedBrowser, root, out, cacheDir: false });
  } finally {
    if (epoch === undefined) delete process.env['SOURCE_DATE_EPOCH'];
    else process.env['SOURCE_DATE_EPOCH'] = epoch;
  }
}, 240_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Internal links of a PDF: the destination each link annotation names, by page. */
async function internalLinks(pdf: string): Promise<{ page: number; destination: string }[]> {
  const doc = await PDFDocument.load(readFileSync(pdf));
  return doc.getPages().flatMap((page, index) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).flatMap((ref) => {
      const annotation = doc.context.lookup(ref, PDFDict);
      const dest = annotation.get(PDFName.of('Dest'));
      return dest instanceof PDFName ? [{ page: index + 1, destination: destinationId(dest.decodeText()) }] : [];
    }),
  );
}

describe('links between chapters', () => {
  test('links that lead nowhere are located warnings, and only those', async () => {
    const result = await check({ root: join(fixtures, 'book', 'linked') });
    expectFile(join(fixtures, 'book', 'linked', 'expected.txt'), formatReport(result.files));
  });

  test('the site of each edition has no broken link, and each link lands on its target', () => {
    const site = join(outs[0] ?? '', 'site');
    expect(brokenLinks(join(site, 'en'))).toEqual([]);
    expect(brokenLinks(join(site, 'zh'))).toEqual([]);
    const overview = readFileSync(join(site, 'en', 'chapters', 'overview.html'), 'utf8');
    for (const href of [
      'href="../chapters/ethics.html"',
      'href="../chapters/ethics.html#ethics--consent-and-data"',
      'href="../chapters/legal.html#legal--what-the-legal-team-needs-to-know"',
      'href="../cases/river-sensors.html"',
      'href="#overview--why-it-matters"',
    ]) {
      expect([href, overview.includes(href)]).toEqual([href, true]);
    }
    // Links that lead nowhere keep their text and lose their link.
    expect(overview).toContain('<a>missing chapter</a>');
    const zh = readFileSync(join(site, 'zh', 'chapters', 'legal.html'), 'utf8');
    expect(zh).toContain('href="#legal--公司的法律团队需要知道什么"');
    expect(zh).toContain('href="../chapters/ethics.html#ethics--监督"');
    // A case shared by both editions links to the heading in the same place of the translation.
    expect(readFileSync(join(site, 'zh', 'cases', 'river-sensors.html'), 'utf8')).toContain(
      'href="../chapters/ethics.html#ethics--监督"',
    );
  });

  test.each(['en', 'zh'])('internal links of the %s PDF land on the pages of their headings', async (language) => {
    const pdf = join(outs[0] ?? '', `linked-${language}.pdf`);
    const doc = await PDFDocument.load(readFileSync(pdf));
    const destinations = readDestinations(doc);
    const links = await internalLinks(pdf);
    const targets =
      language === 'en'
        ? {
            'ethics--consent-and-data': 'Consent and data',
            'legal--what-the-legal-team-needs-to-know': 'What the legal team needs to know',
            'case-river-sensors': 'River Sensors',
          }
        : {
            'legal--公司的法律团队需要知道什么': '公司的法律团队需要知道什么',
            'ethics--知情同意与数据': '知情同意与数据',
            'ethics--监督': '监督',
          };
    for (const [id, heading] of Object.entries(targets)) {
      // The print names destinations with plain ids (a PDF name holds at most 127 bytes).
      expect([id, links.some((link) => link.destination === printId(id))]).toEqual([id, true]);
      const page = destinations.get(printId(id))?.page ?? 0;
      expect([id, pageText(pdf, page).includes(heading)]).toEqual([id, true]);
    }
    // poppler warns of destination names longer than a PDF name may be.
    expect(spawnSync('pdftotext', [pdf, '/dev/null'], { encoding: 'utf8' }).stderr).not.toContain(
      'name token is longer',
    );
    for (const link of links) {
      expect([link.destination, destinations.has(link.destination)]).toEqual([link.destination, true]);
      expect([link.destination, Buffer.byteLength(link.destination) <= 100]).toEqual([link.destination, true]);
    }
  });

  test('no output names a file or folder of the build machine, and two output folders get the same bytes', () => {
    const [one = '', two = ''] = outs;
    const files = listFiles(one).filter((name) => !name.startsWith('.cache/'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) {
      const text = readFileSync(join(one, name)).toString('latin1');
      // The submission form holds a script bundle whose libraries name the `file:` scheme: a word, not a path.
      for (const leak of name.startsWith('submit/') ? [temp, root, tmpdir()] : ['file:', temp, root, tmpdir()])
        expect([name, leak, text.includes(leak)]).toEqual([name, leak, false]);
      expect([name, readFileSync(join(one, name)).equals(readFileSync(join(two, name)))]).toEqual([name, true]);
    }
  });
});
