/**
 * What the capabilities cost, in one process over the compiled pipeline: the search index of the
 * large corpus's site (time and size), a chart drawn from data, and a formula typeset.
 * Usage: npm run compile; node bench/features.mjs [site folder of a built corpus]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { searchScript } from '../dist/render/site/search.js';
import { drawChart } from '../dist/shared/chart.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const site = process.argv[2] ?? join(here, 'corpus', 'large', 'output', 'site');

/** Every HTML file below a folder. */
function pages(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'assets' ? [] : pages(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const files = pages(site).map((path) => ({
  path: relative(site, path),
  title: /<title>([^<]*)<\/title>/.exec(readFileSync(path, 'utf8'))?.[1] ?? '',
  html: readFileSync(path, 'utf8'),
}));
const html = files.reduce((sum, file) => sum + file.html.length, 0);
let script = '';
// Once: the index keeps each page's words for the next call (the preview's rebuilds).
const searchStarted = performance.now();
script = searchScript(files);
const searchMs = performance.now() - searchStarted;
const built = join(site, 'assets', 'search-index.js');
process.stdout.write(
  `search index: ${files.length} pages (${(html / 1024 / 1024).toFixed(1)} MB of HTML) → ${(script.length / 1024).toFixed(0)} KB in ${searchMs.toFixed(0)} ms (the built file: ${(statSync(built).size / 1024).toFixed(0)} KB)\n`,
);

const values = Array.from({ length: 12 }, (_, index) => ({ economy: `Economy ${index + 1}`, share: 40 + index * 5 }));
const spec = {
  data: { values },
  encoding: {
    y: { field: 'economy', type: 'nominal', sort: '-x' },
    x: { field: 'share', type: 'quantitative' },
  },
  layer: [{ mark: 'bar' }, { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'share' } } }],
};
let started = performance.now();
await drawChart(spec, { title: 'A chart', description: 'Bars.' });
const firstChartMs = performance.now() - started;
const charts = 20;
started = performance.now();
for (let count = 0; count < charts; count++) await drawChart(spec, { title: 'A chart', description: 'Bars.' });
process.stdout.write(
  `chart from data (12 bars with labels): first ${firstChartMs.toFixed(0)} ms (loading Vega and Vega-Lite), then ${((performance.now() - started) / charts).toFixed(1)} ms each\n`,
);

const formula = String.raw`\mathrm{PUE} = \frac{E_{\text{facility}}}{E_{\text{IT}}} \geq 1, \quad \sum_{i=1}^{n} x_i^2`;
const formulas = 500;
started = performance.now();
for (let count = 0; count < formulas; count++)
  katex.renderToString(formula, { output: 'htmlAndMathml', displayMode: true });
process.stdout.write(
  `formula (KaTeX, HTML and MathML): ${((performance.now() - started) / formulas).toFixed(2)} ms each\n`,
);
