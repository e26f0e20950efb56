/**
 * The HTML site: pages, links that resolve from disk, determinism, and template overrides.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { build } from '../pipeline/index.js';
import { fixtures, sharedBrowser, testBrowser } from './helpers.js';
import { brokenLinks, listFiles } from './links.js';

const root = join(fixtures, 'book', 'basic');
const temp = mkdtempSync(join(tmpdir(), 'whitepaper-site-'));
const read = (path: string) => readFileSync(path, 'utf8');

beforeAll(async () => {
  await build({ ...sharedBrowser, root, out: join(temp, 'a'), htmlOnly: true });
  await build({ ...sharedBrowser, root, out: join(temp, 'b'), htmlOnly: true });
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('site', () => {
  test('has an index, a page per chapter and per case, CSS and copied images', () => {
    expect(listFiles(join(temp, 'a', 'site')).filter((name) => !name.startsWith('assets/fonts/'))).toEqual([
      'assets/chapters/images/chart.png',
      'assets/fonts.css',
      'assets/menu.js',
      'assets/sdgs.css',
      'assets/search-index.js',
      'assets/search.js',
      'assets/site.css',
      'cases/index.html',
      'cases/indices.html',
      'cases/river-sensors.html',
      'cases/tokyo-ledger.html',
      'chapters/alpha.html',
      'chapters/beta.html',
      'chapters/foreword.html',
      'index.html',
      'references.html',
    ]);
    expect(existsSync(join(temp, 'a', 'fixture.pdf'))).toBe(false);
  });

  test('every relative link and image resolves on disk, anchors included', () => {
    expect(brokenLinks(join(temp, 'a', 'site'))).toEqual([]);
  });

  test('the typefaces come with the site: the subsets its text needs, each one the style sheet loads', () => {
    const fonts = listFiles(join(temp, 'a', 'site', 'assets', 'fonts'));
    const css = read(join(temp, 'a', 'site', 'assets', 'fonts.css'));
    const loaded = [...css.matchAll(/url\(fonts\/([\w.-]+)\)/g)].map((match) => match[1]);
    expect(loaded.sort()).toEqual(fonts);
    expect(fonts).toEqual(
      expect.arrayContaining([
        'source-serif-4-latin-400-normal.woff2',
        'source-serif-4-latin-400-italic.woff2',
        'source-sans-3-latin-700-normal.woff2',
      ]),
    );
    // Only what the text uses: no Cyrillic, no Greek, no Vietnamese in this English book.
    expect(fonts.filter((name) => /cyrillic|greek|vietnamese/.test(name))).toEqual([]);
    expect(
      new Set(fonts.map((name) => name.replace(/-(latin|latin-ext|\d+)-\d+-(normal|italic)\.woff2$/, ''))),
    ).toEqual(
      // Japanese faces for the fixture's Japanese organisation name and sentence, Korean ones for its Korean sentence.
      new Set([
        'source-serif-4',
        'source-sans-3',
        'source-code-pro',
        'noto-serif-sc',
        'noto-sans-sc',
        'noto-serif-jp',
        'noto-sans-jp',
        'noto-serif-kr',
        'noto-sans-kr',
      ]),
    );
    expect(read(join(temp, 'a', 'site', 'index.html'))).toContain('<link rel="stylesheet" href="assets/fonts.css">');
  });

  test('search: a query typed on any page finds the pages with its words (Latin and Chinese), opened from disk', async () => {
    const { browser, release } = await testBrowser();
    try {
      const page = await browser.newPage();
      const results = async (from: string, query: string) => {
        await page.goto(pathToFileURL(join(temp, 'a', 'site', from)).href, { waitUntil: 'load' });
        await page.type('.site-search input', query);
        return page.$$eval('.search-results li', (items) =>
          items.map((item) => [item.querySelector('a')?.getAttribute('href') ?? '', item.textContent ?? '']),
        );
      };
      const english = await results('index.html', 'data centres');
      expect(english[0]?.[0]).toBe('chapters/alpha.html');
      // From a page one folder down, results lead back up; Chinese words are found by their characters.
      const chinese = await results('chapters/alpha.html', '数字经济');
      expect(chinese.map(([href]) => href)).toEqual(['../chapters/beta.html']);
      expect(await results('index.html', 'zzzqqq')).toEqual([['', 'Nothing found']]);
      // Words that name the prototype's properties are words like any other.
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
        expect([word, await results('index.html', word)]).toEqual([word, [['', 'Nothing found']]]);
      expect(errors).toEqual([]);
      // Enter opens the first result.
      await results('index.html', 'river sensors');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(page.url()).toMatch(/\/cases\/river-sensors\.html$/);
    } finally {
      await release();
    }
  });

  test('chapter pages link to the previous and next page in reading order', () => {
    const alpha = read(join(temp, 'a', 'site', 'chapters', 'alpha.html'));
    expect(alpha).toContain('<a class="pager-previous" rel="prev" href="../chapters/foreword.html">');
    expect(alpha).toContain('<a class="pager-next" rel="next" href="../chapters/beta.html">');
    expect(alpha).toContain('<h1 id="alpha">Alpha Infrastructure</h1>');
    expect(alpha).toContain('<img alt="A small chart" src="../assets/chapters/images/chart.png">');
  });

  test('each page is named once: the book on its index, the page and the book elsewhere; no PDF link without a PDF', () => {
    expect(read(join(temp, 'a', 'site', 'index.html'))).toContain('<title>Fixture Book</title>');
    expect(read(join(temp, 'a', 'site', 'chapters', 'alpha.html'))).toContain(
      '<title>Alpha Infrastructure · Fixture Book</title>',
    );
    expect(read(join(temp, 'a', 'site', 'index.html'))).not.toContain('pdf-link');
  });

  test('the index lists chapters, sections and cases, linked to their pages', () => {
    const index = read(join(temp, 'a', 'site', 'index.html'));
    expect(index).toContain('<html lang="en">');
    expect(index).toContain(
      '<a href="chapters/alpha.html#alpha--data-centres"><span class="toc-title">Data Centres</span>',
    );
    expect(index).toContain(
      '<a href="cases/tokyo-ledger.html"><span class="toc-title">東京グリーン台帳 Green Ledger</span>',
    );
  });

  test('case pages show the card; awarded cases come first', () => {
    const ledger = read(join(temp, 'a', 'site', 'cases', 'tokyo-ledger.html'));
    expect(ledger).toContain('<p class="case-award award-gold">Gold Award</p>');
    expect(ledger).toContain('<dd>Japan</dd>');
    expect(ledger).toContain('<dd>Digital Economy Committee</dd>');
    expect(ledger).toContain('SDG 12</span> <span class="sdg-name">Responsible Consumption and Production</span>');
    const compendium = read(join(temp, 'a', 'site', 'cases', 'index.html'));
    expect(compendium.indexOf('tokyo-ledger.html')).toBeLessThan(compendium.indexOf('river-sensors.html'));
  });

  test('two builds of the same input give the same bytes', () => {
    const files = listFiles(join(temp, 'a', 'site'));
    expect(listFiles(join(temp, 'b', 'site'))).toEqual(files);
    for (const file of files)
      expect([
        file,
        readFileSync(join(temp, 'a', 'site', file)).equals(readFileSync(join(temp, 'b', 'site', file))),
      ]).toEqual([file, true]);
  });

  test("a content root's templates/ overrides the project's file by file", async () => {
    const custom = join(temp, 'custom');
    cpSync(root, custom, { recursive: true });
    mkdirSync(join(custom, 'templates', 'partials'), { recursive: true });
    writeFileSync(
      join(custom, 'templates', 'partials', 'pager.hbs'),
      '<nav class="custom-pager">{{labels.next}}</nav>\n',
    );
    await build({ ...sharedBrowser, root: custom, out: join(custom, 'output'), htmlOnly: true });
    const alpha = read(join(custom, 'output', 'site', 'chapters', 'alpha.html'));
    expect(alpha).toContain('<nav class="custom-pager">Next</nav>');
    expect(alpha).toContain('<h1 id="alpha">Alpha Infrastructure</h1>');
  });

  test('the compendium page embeds its charts (per country when counts differ); the indices page links every case', async () => {
    const charts = (page: string) => ({
      figures: page.match(/<figure class="chart-figure chart" id="chart-(sdgs|countries)">/g)?.length,
      drawings: page.match(/<svg [^>]*role="img" aria-label="Case studies per (SDG|country)">/g)?.length,
      tables: page.match(/<details class="chart-data">/g)?.length,
    });
    // Two cases from two countries: the chart per country would be two equal bars, and is left out.
    const compendium = read(join(temp, 'a', 'site', 'cases', 'index.html'));
    expect(charts(compendium)).toEqual({ figures: 1, drawings: 1, tables: 1 });
    // A third case from Viet Nam: now the countries differ, and both charts are drawn by Vega-Lite,
    // each an image with its caption and the table of its values.
    const three = join(temp, 'three-cases');
    cpSync(root, three, { recursive: true });
    cpSync(join(three, 'cases', 'river-sensors.md'), join(three, 'cases', 'river-gauges.md'));
    const river = join(three, 'cases', 'river-gauges.md');
    writeFileSync(river, read(river).replace('River Sensors for Flood Warning', 'River Gauges for Irrigation'));
    await build({ ...sharedBrowser, root: three, out: join(three, 'output'), htmlOnly: true, cacheDir: false });
    expect(charts(read(join(three, 'output', 'site', 'cases', 'index.html')))).toEqual({
      figures: 2,
      drawings: 2,
      tables: 2,
    });
    const indices = read(join(temp, 'a', 'site', 'cases', 'indices.html'));
    expect(indices).toContain('<h3 class="index-heading">Viet Nam</h3>');
    expect(indices).toContain(
      '<a href="../cases/river-sensors.html"><span class="toc-title">River Sensors for Flood Warning</span>',
    );
  });

  test('a build with content errors writes only the dashboard and keeps the previous output', async () => {
    const broken = join(temp, 'broken');
    cpSync(root, broken, { recursive: true });
    await build({ ...sharedBrowser, root: broken, out: join(broken, 'output'), htmlOnly: true });
    const before = read(join(broken, 'output', 'site', 'index.html'));
    writeFileSync(join(broken, 'chapters', '03-bad.md'), '---\ntitle: [\n---\n');
    const result = await build({ ...sharedBrowser, root: broken, out: join(broken, 'output'), htmlOnly: true });
    expect(result.outputs?.site).toBeNull();
    expect(result.outputs?.dashboard).toBe(join(broken, 'output', 'editors', 'index.html'));
    expect(read(join(broken, 'output', 'site', 'index.html'))).toBe(before);
    expect(readdirSync(broken).filter((name) => name.includes('staging'))).toEqual([]);
  });
});

/** WCAG's contrast ratio of two CSS `rgb()` colours. */
function contrast(one: string, two: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(one), luminance(two)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('the site on every screen', () => {
  const out = join(temp, 'sample');
  beforeAll(async () => {
    await build({ ...sharedBrowser, root: join(fixtures, '..', '..'), out, cacheDir: false });
  });

  test('in dark mode, chart text is dark on the chart’s own light panel, in the book’s sans as in the PDF', async () => {
    const { browser, release } = await testBrowser();
    try {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const found: { path: string; fill: string; panel: string; font: string }[] = [];
      for (const path of ['en/chapters/digital-infrastructure.html', 'en/cases/index.html', 'zh/cases/index.html']) {
        await page.goto(pathToFileURL(join(out, 'site', path)).href, { waitUntil: 'load' });
        const charts = await page.$$eval('.chart svg text:first-of-type', (texts) =>
          texts.map((text) => {
            let element: Element | null = text;
            let panel = 'rgba(0, 0, 0, 0)';
            while (element && /rgba\(0, 0, 0, 0\)|transparent/.test(panel)) {
              panel = getComputedStyle(element).backgroundColor;
              element = element.parentElement;
            }
            return { fill: getComputedStyle(text).fill, panel, font: getComputedStyle(text).fontFamily };
          }),
        );
        found.push(...charts.map((chart) => ({ path, ...chart })));
      }
      expect(found.length).toBeGreaterThanOrEqual(3);
      for (const chart of found) {
        expect([chart.path, contrast(chart.fill, chart.panel) >= 4.5]).toEqual([chart.path, true]);
        expect(chart.font).toMatch(/^"Source Sans 3"|^"Noto Sans/);
      }
    } finally {
      await release();
    }
  });

  test('no page of the sample scrolls sideways at 320, 390, 768 or 1280 px; on a phone the search spans the width and the links fold behind a menu', async () => {
    const pages = listFiles(join(out, 'site')).filter((name) => name.endsWith('.html'));
    const { browser, release } = await testBrowser();
    const wide: string[] = [];
    try {
      const page = await browser.newPage();
      for (const width of [320, 390, 768, 1280]) {
        await page.setViewport({ width, height: 800 });
        for (const name of pages) {
          await page.goto(pathToFileURL(join(out, 'site', name)).href, { waitUntil: 'load' });
          const { scroll, client } = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
          }));
          if (scroll > client) wide.push(`${width} px: ${name} is ${scroll} px wide`);
        }
      }
      await page.setViewport({ width: 390, height: 800 });
      await page.goto(pathToFileURL(join(out, 'site', 'en', 'chapters', 'foreword.html')).href, { waitUntil: 'load' });
      const search = await page.$eval('.site-search input', (input) => input.getBoundingClientRect().width);
      expect(search).toBeGreaterThan(300);
      // On a phone the header's links fold behind the Menu button, which opens and closes them.
      const header = () =>
        page.evaluate(() => ({
          expanded: document.querySelector('.menu-toggle')?.getAttribute('aria-expanded'),
          button: Math.round(document.querySelector('.menu-toggle')?.getBoundingClientRect().height ?? 0),
          links: Array.from(document.querySelectorAll<HTMLElement>('.site-header a:not(.site-title)')).map((link) =>
            Math.round(link.getBoundingClientRect().height),
          ),
        }));
      const closed = await header();
      expect(closed.expanded).toBe('false');
      expect(closed.button).toBeGreaterThanOrEqual(44);
      expect(closed.links.length).toBeGreaterThan(2);
      expect(closed.links.every((height) => height === 0)).toBe(true);
      await page.click('.menu-toggle');
      const open = await header();
      expect(open.expanded).toBe('true');
      for (const height of open.links) expect(height).toBeGreaterThanOrEqual(44);
      await page.focus('.edition-switcher a');
      await page.keyboard.press('Escape');
      expect((await header()).expanded).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('menu-toggle');
      // On a wide screen there is no button: the links are in view.
      await page.setViewport({ width: 1280, height: 800 });
      await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('.menu-toggle')?.hidden === true);
      const wideHeader = await header();
      expect(wideHeader.button).toBe(0);
      expect(wideHeader.links.every((height) => height > 0)).toBe(true);
    } finally {
      await release();
    }
    expect(wide).toEqual([]);
  });
});
