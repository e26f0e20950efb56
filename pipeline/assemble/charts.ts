/**
 * Book → the compendium's charts, drawn by the same machinery as chapters' chart blocks: cases per
 * SDG in the goals' colours, and cases per country (named in the edition's language) when the
 * countries' counts differ.
 */
import { createHash } from 'node:crypto';
import type { ResultCache } from '../citations/index.js';
import { format } from '../data/languages/index.js';
import { sdgs } from '../data/sdgs.js';
import { drawChart, type Spec } from '../shared/chart.js';
import type { Book, BookChart } from '../model/types.js';
import { casesPerSdg } from './indices.js';

/** A count axis: whole numbers only. */
const countAxis = (title: string) => ({ title, axis: { tickMinStep: 1, format: 'd' } });

/**
 * Draw the compendium's two charts.
 *
 * @param book The assembled book, its indices built.
 * @param cache Whole-book results of earlier runs: charts of the same data are not drawn again
 *   (a build after an edit, or the preview, loads no Vega).
 * @returns The charts, or none when the book has no cases.
 */
export async function compendiumCharts(book: Book, cache?: ResultCache): Promise<BookChart[]> {
  if (book.cases.length === 0) return [];
  const { labels, settings } = book;
  const perSdg = casesPerSdg(book).map(({ number, count }) => ({
    [labels.chartGoal]: number,
    name: `${format(labels.sdg, { number })} ${labels.sdgNames[number - 1] ?? ''}`,
    [labels.chartCases]: count,
    colour: sdgs[number - 1]?.colour ?? '#888888',
  }));
  const perCountry = book.indices.byCountry
    .map((group) => ({ [labels.chartCountry]: group.title, [labels.chartCases]: group.cases.length }))
    .sort(
      (a, b) =>
        Number(b[labels.chartCases]) - Number(a[labels.chartCases]) ||
        String(a[labels.chartCountry]).localeCompare(String(b[labels.chartCountry]), settings.language),
    );
  const cases = labels.chartCases;
  const sdgSpec: Spec = {
    data: { values: perSdg },
    width: 440,
    height: 180,
    encoding: {
      x: { field: labels.chartGoal, type: 'ordinal', axis: { labelAngle: 0 } },
      y: { field: cases, type: 'quantitative', ...countAxis(cases) },
    },
    layer: [
      { mark: 'bar', encoding: { color: { field: 'colour', type: 'nominal', scale: null, legend: null } } },
      { mark: { type: 'text', dy: -6, fontSize: 10 }, encoding: { text: { field: cases, type: 'quantitative' } } },
    ],
  };
  const countrySpec: Spec = {
    data: { values: perCountry },
    width: 360,
    height: { step: 20 },
    encoding: {
      y: { field: labels.chartCountry, type: 'nominal', sort: null, title: null },
      x: { field: cases, type: 'quantitative', ...countAxis(cases) },
    },
    layer: [
      { mark: 'bar' },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
        encoding: { text: { field: cases, type: 'quantitative' } },
      },
    ],
  };
  // A chart of equal bars says only "one each": the index by country says it better.
  const countsDiffer = new Set(perCountry.map((row) => row[cases])).size > 1;
  const charts = [
    { id: 'chart-sdgs', title: labels.chartSdgs, spec: sdgSpec },
    ...(countsDiffer ? [{ id: 'chart-countries', title: labels.chartCountries, spec: countrySpec }] : []),
  ];
  const name = `charts:${settings.language}`;
  const key = createHash('sha256').update(JSON.stringify(charts)).digest('hex');
  const kept = cache?.result(name, key) as BookChart[] | undefined;
  if (kept) return kept;
  const drawn = await Promise.all(
    charts.map(async ({ id, title, spec }) => {
      const chart = await drawChart(spec, { title, description: title });
      return { id, title, svg: chart.svg, table: chart.table };
    }),
  );
  cache?.keep(name, key, drawn);
  return drawn;
}

/**
 * The editions with their compendium's charts drawn: for the outputs only, so that `check`
 * never loads Vega for them.
 *
 * @param editions The editions `check` assembled.
 * @param cache Whole-book results of earlier runs.
 * @returns The same editions, each with its charts.
 */
export async function withCharts(editions: readonly Book[], cache?: ResultCache): Promise<Book[]> {
  const drawn: Book[] = [];
  for (const edition of editions) drawn.push({ ...edition, charts: await compendiumCharts(edition, cache) });
  return drawn;
}
