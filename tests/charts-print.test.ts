/**
 * Charts in print keep their text readable: a drawing too wide for the column would print its
 * labels at 4–6 pt, scaled down with it. It prints on a landscape page of its own when that keeps
 * its text at 7 pt or more, and is a located error when nothing does. Real Chromium, real PDF.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { build, check } from '../pipeline/index.js';
import { drawChart, printFit, type Spec } from '../pipeline/shared/chart.js';
import { formatReport } from '../pipeline/report.js';
import { fixtures, sharedBrowser } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-charts-print-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A bar chart of `views` views side by side, each `width` px wide. */
function sideBySide(views: number, width: number, extra = ''): string {
  const view = `  - data: {values: [{a: x, b: 1}, {a: y, b: 2}]}\n    mark: bar\n    width: ${width}\n    encoding: {x: {field: a, type: nominal}, y: {field: b, type: quantitative}}\n`;
  return `\`\`\`chart\ncaption: Views side by side\nalt: Bars.\n${extra}hconcat:\n${view.repeat(views)}\`\`\`\n`;
}

/** A chart as Vega-Lite describes it, drawn. */
async function drawn(spec: Spec): Promise<string> {
  return (await drawChart(spec, { title: 't', description: 'd' })).svg;
}

describe('where a chart prints', () => {
  const bars = { values: [{ a: 'x', b: 1 }] };
  const view = (width: number) => ({
    data: bars,
    mark: 'bar',
    width,
    encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
  });

  test('in the column, on a landscape page, or nowhere, by the size its smallest text would print at', async () => {
    expect(printFit(await drawn(view(300)))).toEqual({ page: 'portrait' });
    expect(printFit(await drawn({ hconcat: [view(300), view(300)] }))).toEqual({ page: 'landscape' });
    expect(printFit(await drawn({ hconcat: [view(300), view(300), view(300)] }))).toEqual({
      page: undefined,
      points: 4,
      width: 1067,
    });
    // Text set small by the author is too small at any width.
    expect(printFit(await drawn({ ...view(200), config: { axis: { labelFontSize: 8 } } }))).toMatchObject({
      page: undefined,
      points: 6,
    });
  });
});

describe('a chart with default settings', () => {
  const countries = ['Indonesia', 'Philippines', 'Viet Nam', 'Thailand', 'Malaysia'];
  const bars = (labels: string[]) => ({
    data: { values: labels.map((country, index) => ({ country, share: 40 + index * 10 })) },
    mark: 'bar',
    encoding: { x: { field: 'country', type: 'nominal' }, y: { field: 'share', type: 'quantitative' } },
  });
  const size = (svg: string) => /width="(\d+)" height="(\d+)"/.exec(svg)?.slice(1).map(Number) ?? [];
  /** Category labels drawn on their side. */
  const sideways = (svg: string) => (svg.match(/rotate\(270\)/g) ?? []).length;

  test('fills the column, its category labels upright where they fit their bands', async () => {
    const svg = await drawn(bars(countries));
    const [width = 0] = size(svg);
    expect(width).toBeGreaterThan(440);
    expect(sideways(svg)).toBe(0);
  });

  test('labels too long for their bands stay on their side; an author’s own angle is kept', async () => {
    const many = Array.from({ length: 30 }, (_, index) => `Province number ${index + 1}`);
    expect(sideways(await drawn(bars(many)))).toBe(30);
    const own = bars(countries);
    (own.encoding.x as Record<string, unknown>)['axis'] = { labelAngle: -45 };
    expect(await drawn(own)).toContain('rotate(315)');
  });
});

describe('Vega-Lite’s composition operators in chart blocks', () => {
  test('facet (with its own spec), repeat, vconcat and layer draw, as figures, without a message', async () => {
    const root = join(temp, 'operators');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const values =
      '[{g: a, x: 1, y: 2, z: 3}, {g: a, x: 2, y: 3, z: 1}, {g: b, x: 1, y: 1, z: 2}, {g: b, x: 2, y: 4, z: 2}]';
    const block = (body: string) =>
      `\`\`\`chart\ncaption: A composed chart\nalt: Lines.\ndata: {values: ${values}}\n${body}\`\`\`\n`;
    const blocks = [
      'facet: {column: {field: g, type: nominal}}\nspec:\n  width: 150\n  mark: line\n  encoding: {x: {field: x, type: quantitative}, y: {field: y, type: quantitative}}\n',
      'repeat: [y, z]\ncolumns: 2\nspec:\n  width: 150\n  mark: point\n  encoding: {x: {field: x, type: quantitative}, y: {field: {repeat: repeat}, type: quantitative}}\n',
      'vconcat:\n  - {mark: bar, height: 60, encoding: {x: {field: g, type: nominal}, y: {aggregate: sum, field: y, type: quantitative}}}\n  - {mark: tick, height: 60, encoding: {x: {field: y, type: quantitative}}}\n',
      'encoding: {x: {field: x, type: quantitative}, y: {field: y, type: quantitative}}\nlayer:\n  - {mark: line}\n  - {mark: point}\n',
    ];
    writeFileSync(
      join(root, 'chapters', '03-composed.md'),
      `---\ntitle: Composed\n---\n\n${blocks.map(block).join('\n')}`,
    );
    const out = join(root, 'output');
    const result = await build({ root, out, htmlOnly: true, cacheDir: false });
    expect(formatReport(result.files)).toBe('');
    const page = readFileSync(join(out, 'site', 'chapters', 'composed.html'), 'utf8');
    expect(page.match(/<figure id="composed--chart-\d+" class="chart">\s*<svg/g)).toHaveLength(4);
  });
});

describe('a book with wide charts', () => {
  test('a chart two views wide prints on a landscape page with the chapter’s running head; three views wide is an error at the block', async () => {
    const root = join(temp, 'wide');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    writeFileSync(
      join(root, 'chapters', '03-wide.md'),
      `---\ntitle: Wide Views\n---\n\nBefore the chart.\n\n${sideBySide(2, 300)}\nAfter the chart.\n`,
    );
    writeFileSync(join(root, 'chapters', '04-wider.md'), `---\ntitle: Wider\n---\n\nText.\n\n${sideBySide(3, 300)}`);
    expect(formatReport((await check({ root })).files)).toMatch(
      /^chapters\/04-wider\.md\n7:1 +error +Unexpected chart 1067 px wide, whose smallest text would print at 4 pt, expected text of at least 7 pt: wrap its views \(`columns` on a `concat`, `facet` or `repeat`\), draw fewer, or make them narrower \(`width`\) +chart-text-small/m,
    );
    rmSync(join(root, 'chapters', '04-wider.md'));
    const out = join(root, 'output');
    const result = await build({ ...sharedBrowser, root, out, cacheDir: false });
    expect(formatReport(result.files)).toBe('');
    const pdf = join(out, 'fixture.pdf');
    const sizes = [
      ...spawnSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' }).stdout.matchAll(
        /Page +(\d+) size: +([\d.]+) x ([\d.]+)/g,
      ),
    ].map(([, page, width, height]) => ({ page: Number(page), landscape: Number(width) > Number(height) }));
    const landscape = sizes.filter((size) => size.landscape).map((size) => size.page);
    expect(landscape).toHaveLength(1);
    const page = String(landscape[0]);
    const text = spawnSync('pdftotext', ['-f', page, '-l', page, '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    // The running head, the chart's labels and its caption, on the landscape page.
    expect(text).toMatch(/^\s*Wide Views\n/);
    expect(text).toContain('Views side by side');
    expect(text).toContain('1.5');
  });
});
