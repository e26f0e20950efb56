/** The case compendium as data: order, indices, charts, page ranges, dashboard. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildIndices, casesPerSdg } from '../pipeline/assemble/indices.js';
import { build, check, defaultTemplates, type Book, type CheckResult } from '../pipeline/index.js';
import { writeCorpus } from '../bench/corpus.js';
import { caseRanges } from '../pipeline/render/print/case-pdfs.js';
import { compendiumCharts } from '../pipeline/assemble/charts.js';
import { sdgs } from '../pipeline/data/sdgs.js';
import { renderDashboard } from '../pipeline/render/site/dashboard.js';
import { loadTemplates } from '../pipeline/render/templates.js';
import { fixtures, sharedBrowser } from './helpers.js';
import { caseEnds, innerPages, outline, pageText, pdfInfo } from './pdf-tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let sample: CheckResult;
let book: Book;

beforeAll(async () => {
  sample = await check({ root });
  if (!sample.book) throw new Error('The sample book has errors');
  book = sample.book;
});

describe('compendium', () => {
  test('awarded cases come first, by tier in awards.yaml order, then the rest, each by title', () => {
    expect(book.cases.map((item) => [item.award?.id ?? null, item.slug])).toEqual([
      ['grand', 'flood-early-warning'],
      ['excellence', 'vernacular-ai-tutors'],
      ['excellence', 'green-ledger-suppliers'],
      ['commendation', 'digital-twin-seoul-heat'],
      [null, 'qr-payments-street-vendors'],
      [null, 'solar-microgrid-islands'],
      [null, 'rural-telemedicine-carts'],
      [null, 'vr-welding-training'],
    ]);
  });

  test('indices group cases by country name, SDG number and committee', () => {
    const indices = buildIndices(book);
    expect(indices.byCountry.map((group) => group.title)).toEqual([
      'China',
      'India',
      'Indonesia',
      'Japan',
      'Philippines',
      'Republic of Korea',
      'Thailand',
      'Viet Nam',
    ]);
    expect(indices.bySdg.map((group) => group.key)).toEqual([
      '1',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
    ]);
    expect(indices.bySdg.find((group) => group.key === '13')?.cases.map((item) => item.id)).toEqual([
      'case-flood-early-warning',
      'case-green-ledger-suppliers',
      'case-digital-twin-seoul-heat',
      'case-solar-microgrid-islands',
    ]);
    expect(indices.byCommittee.map((group) => [group.key, group.cases.length])).toEqual([
      ['technology-ethics', 2],
      ['esg', 2],
      ['digital-economy', 2],
      ['metaverse', 2],
    ]);
  });

  test('the SDG chart has 17 bars in SDG colours, heights proportional to the counts', async () => {
    const counts = casesPerSdg(book);
    expect(counts.map((entry) => entry.count)).toEqual([1, 0, 2, 2, 1, 1, 1, 3, 1, 2, 2, 1, 4, 0, 0, 0, 0]);
    const [chart] = await compendiumCharts(book);
    const svg = chart?.svg ?? '';
    // Vega draws each bar as a path `M x,y h w v h …`, filled with its goal's colour.
    const bars = [...svg.matchAll(/<path d="M[\d.]+,([\d.]+)h[\d.]+v([\d.]+)h-[\d.]+Z" fill="(#[0-9A-F]{6})"/g)];
    expect(bars.map((bar) => bar[3])).toEqual(sdgs.map((sdg) => sdg.colour));
    const height = (colour: string) => Number(bars.find((bar) => bar[3] === colour)?.[2]);
    // SDG 13 (4 cases) is twice SDG 3 (2 cases).
    expect(height(sdgs[2]?.colour ?? '')).toBeCloseTo(height(sdgs[12]?.colour ?? '') / 2, 0);
    expect(height(sdgs[1]?.colour ?? '')).toBe(0);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Case studies per SDG"><title>Case studies per SDG<\/title>/);
    expect(chart?.table.columns).toEqual(['Sustainable Development Goal', 'Case studies']);
    expect(chart?.table.rows).toHaveLength(17);
    expect(chart?.table.rows[12]).toEqual(['13', '4']);
  });

  test('no country chart when every country has as many cases: its bars would all be the same', async () => {
    // The sample: eight cases from eight countries.
    expect(new Set(book.indices.byCountry.map((group) => group.cases.length)).size).toBe(1);
    expect((await compendiumCharts(book)).map((chart) => chart.id)).toEqual(['chart-sdgs']);
  });

  test('the country chart has one row per country, named, most cases first', async () => {
    // One country with two cases: now the counts say something.
    const [first, second, ...rest] = book.indices.byCountry;
    if (!first || !second) throw new Error('the sample has fewer than two countries');
    const byCountry = [{ ...first, cases: [...first.cases, ...second.cases] }, ...rest];
    const [, chart] = await compendiumCharts({ ...book, indices: { ...book.indices, byCountry } });
    const rows = chart?.table.rows ?? [];
    expect(rows.length).toBe(byCountry.length);
    const counts = rows.map((row) => Number(row[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Rows named by the country, in the edition's language, not by its code.
    for (const [name] of rows) expect(chart?.svg).toContain(`>${name}</text>`);
    expect(chart?.svg).not.toContain('>JP<');
  });

  test("a case's pages run to the page before the next case, the last to the indices", () => {
    const pages = new Map([
      ...book.cases.map((item, index) => [item.id, 20 + index * 2] as const),
      ['compendium-indices', 40],
    ]);
    const ranges = caseRanges(book, pages, 42);
    // Without the first chapter's page, the book is numbered from its first page.
    expect(ranges.get('flood-early-warning')).toEqual({ from: 20, to: 21, printed: '20–21' });
    expect(ranges.get('vr-welding-training')).toEqual({ from: 34, to: 39, printed: '34–39' });
  });
});

describe("editors' dashboard", () => {
  test('lists every case, also invalid ones, with its messages and never a contact', async () => {
    const broken = await check({ root: join(fixtures, 'check', 'ten-mistakes') });
    const templates = await loadTemplates([defaultTemplates]);
    if (!broken.collection) throw new Error('settings');
    const html = renderDashboard(broken.collection, { templates }).get('index.html') ?? '';
    expect(html.match(/<tr data-status=/g)).toHaveLength(2);
    expect(html).toContain('<tr data-status="error">');
    expect(html).toContain('Solar Pumps for Smallholder Irrigation');
    expect(html).toContain('Missing section &#x60;## Impact&#x60;');
    expect(html).toContain('<a href="#solar-pumps-messages">8 errors</a>');
    expect(html).not.toContain('Private Person');
    expect(html).not.toContain('private');
  });

  test('shows word counts, images, tiers and page ranges, and totals', async () => {
    const templates = await loadTemplates([defaultTemplates]);
    if (!sample.collection) throw new Error('settings');
    // The PDF's pages 24 and 25, which the book numbers 18 and 19: its body opens on page 7.
    const first = book.cases.find((item) => item.slug === 'flood-early-warning');
    const next = book.cases[book.cases.indexOf(first as never) + 1];
    const body = book.chapters.find((chapter) => chapter.number !== null);
    const ranges = caseRanges(
      book,
      new Map([
        [body?.id ?? '', 7],
        [first?.id ?? '', 24],
        [next?.id ?? '', 26],
      ]),
      40,
    );
    expect(ranges.get('flood-early-warning')).toEqual({ from: 24, to: 25, printed: '18–19' });
    const html = renderDashboard({ ...sample.collection, ranges }, { templates }).get('index.html') ?? '';
    expect(html.match(/<tr data-status="ok">/g)).toHaveLength(8);
    expect(html).toContain('<td data-value="0">Grand Award</td>');
    expect(html).toContain('<td data-value="24" class="number">18–19</td>');
    // Set in the book's faces, those of its main edition's site.
    expect(html).toContain('<link rel="stylesheet" href="../site/en/assets/fonts.css">');
    expect(html).toMatch(/<th scope="row">Grand Award<\/th><td class="number">1<\/td>/);
    expect(html).toMatch(/<th scope="row">SDG 13 Climate Action<\/th><td class="number">4<\/td>/);
    // Rows stand in the order of the titles they show, until an editor sorts by a column.
    const titles = [...html.matchAll(/<tr data-status="[a-z]+">\s*<td data-value="([^"]*)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(titles).toHaveLength(8);
    expect(titles).toEqual([...titles].sort((a, b) => new Intl.Collator('en').compare(a, b)));
    expect(html).toContain('<th scope="col" data-type="text" aria-sort="ascending">Case</th>');
  });
});

describe('printed indices', () => {
  test('a group that runs onto the next page takes its heading along; no page of the indices starts with an entry', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'whitepaper-indices-'));
    try {
      writeCorpus(corpus, 'small');
      const result = await build({ ...sharedBrowser, root: corpus, out: join(corpus, 'output') });
      const pdf = result.outputs?.editions[0]?.pdf ?? '';
      // Printed once: every page-number placeholder (412 here) was found and filled in (a glyph at the
      // edge of the page area was culled from the PDF, and such books were printed twice).
      expect(result.outputs?.passes).toBe(1);
      const edition = result.editions[0];
      if (!edition) throw new Error('The corpus has errors');
      const headings = new Set(
        [edition.indices.byCountry, edition.indices.bySdg, edition.indices.byCommittee].flatMap((groups) =>
          groups.map((group) => group.title),
        ),
      );
      const first = outline(pdf).at(-1)?.kids.at(-1)?.page ?? 0;
      const last = Number(pdfInfo(pdf)['Pages']);
      const pages = Array.from({ length: last - first + 1 }, (_, index) =>
        pageText(pdf, first + index, 'raw')
          .split('\n')
          .map((line) => line.trim())
          // Leave out the running head and the folio.
          .filter((line) => line !== '' && line !== edition.labels.indices && !/^\d+$/.test(line)),
      );
      let repeated = 0;
      for (const [index, lines] of pages.entries()) {
        if (index === 0) continue;
        // A page starts with a heading: an index's title or a group's.
        const top = lines[0] ?? '';
        expect([top, headings.has(top) || top.startsWith('Cases by')]).toEqual([top, true]);
        if (pages[index - 1]?.includes(top)) repeated++;
      }
      // The corpus has groups long enough to break, so the rule above was put to the test.
      expect(repeated).toBeGreaterThan(0);
      // Composition over 200 pages: every page but the last of a part at least 60% full, every
      // case (two pages each here) ending on a page at least 40% full.
      expect(
        innerPages(pdf, [edition.labels.listOfFigures, edition.labels.listOfTables]).filter((page) => page.fill < 0.6),
      ).toEqual([]);
      const ends = caseEnds(pdf);
      expect(ends).toHaveLength(edition.cases.length);
      expect(ends.filter((end) => end.fill < 0.4)).toEqual([]);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});
