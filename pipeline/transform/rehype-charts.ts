/**
 * Chart blocks → numbered figures: the drawing (inline SVG), its caption and a table of its values.
 */
import { warnOwnNumber } from './rehype-figures.js';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { yamlValue } from '../load/front-matter.js';
import { labelsFor, spacedIn, type OwnLabels } from '../data/languages/index.js';
import { confine } from '../load/read.js';
import { error, warn } from '../model/message.js';
import {
  ChartError,
  drawChart,
  maxChartRows,
  minPrintedText,
  printFit,
  readValues,
  translateSpec,
  type DataTable,
  type Spec,
} from '../shared/chart.js';
import type { ChartBlock } from '../model/types.js';

/** Options of `rehypeCharts`. */
export interface Options {
  /** Content root: specification and data files must be inside it. */
  root: string;
  /** The book's own fixed text, by language. */
  labels?: Readonly<Record<string, OwnLabels>> | undefined;
}

/** Largest data file read, in bytes. */
const maxDataBytes = 5 * 1024 * 1024;

/** Keys of a chart block that are the book's, not Vega-Lite's. */
const ownKeys = ['caption', 'alt', 'spec', 'translations'];

/** A YAML text read with its positions. */
interface Source {
  document: Document.Parsed;
  lines: LineCounter;
  /** Where its text starts in the Markdown file (line and column of its first character). */
  line: number;
  column: number;
  /** The file holding it (a chapter, or a specification file). */
  path: string;
  /** How a message names it when it is not the chapter: `` in `charts/x.yaml` ``. */
  name: string;
}

/**
 * Each chart block noted by `remark-chart-blocks` (a `<pre><code class="language-chart">` with the
 * same text) becomes `<figure class="chart">`: the SVG drawn by Vega-Lite, a caption with the
 * number placeholder (the figure is numbered and referenced like any other), and the values in a
 * `<details>` table at the end of the caption. The block is YAML or JSON: Vega-Lite's keys, and the book's own: `caption`,
 * `alt` (the drawing's description), `spec` (a file whose keys the block's override) and
 * `translations` (language → word → translation, applied in an edition of that language). `data`
 * may name a CSV, TSV or JSON file next to the chapter (`data: values.csv`). Runs after the
 * sanitiser: the drawing is the build's own markup, sanitised on its own.
 *
 * @param options Where the content lives.
 * @returns Transformer.
 */
export function rehypeCharts(options: Options) {
  const root = realpathSync(options.root);
  return async (tree: Root, file: VFile): Promise<undefined> => {
    const blocks = file.data.chartBlocks;
    delete file.data.chartBlocks;
    if (!blocks) return;
    const found: { block: ChartBlock; parent: Element | Root; index: number; number: number }[] = [];
    let next = 0;
    walk(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children[0];
      if (code?.type !== 'element' || code.tagName !== 'code') return;
      const classes = code.properties['className'];
      if (!Array.isArray(classes) || !classes.includes('language-chart')) return;
      const block = blocks[next];
      if (!block || toString(code).replace(/\n$/, '') !== block.value) return;
      next++;
      found.push({ block, parent, index, number: next });
    });
    const language = file.data.language ?? 'en';
    const labels = labelsFor(language, options.labels?.[language]);
    for (const { block, parent, index, number } of found) {
      const figure = await chartFigure(block, number, file, root, labels.chartData);
      if (figure) parent.children[index] = figure;
    }
  };
}

/**
 * Draw one block.
 *
 * @returns The figure, or `undefined` when the block has an error (reported; the code stays).
 */
async function chartFigure(
  block: ChartBlock,
  number: number,
  file: VFile,
  root: string,
  dataLabel: string,
): Promise<Element | undefined> {
  const place = { line: block.line, column: block.column };
  const source = readSource(block.value, file.path, '', block.line + 1, block.column, file);
  if (!source) return undefined;
  const fail = (reason: string, at: Source, path: readonly (string | number)[] = []) => {
    error(file, `${reason}${at.name}`, locate(at, path) ?? place, 'chart-spec');
    return undefined;
  };
  const own = plainData(source, file, place);
  if (own === undefined) return undefined;
  if (!own || typeof own !== 'object' || Array.isArray(own))
    return fail('Unexpected chart block, expected a mapping of Vega-Lite keys', source);
  let spec = own as Spec;
  let translations = readTranslations(spec['translations']);
  let holder = source;
  // A string is the book's own key (a shared specification file); a mapping is Vega-Lite's
  // (`repeat`, `facet`), left to it.
  if (typeof spec['spec'] === 'string') {
    const found = await confine(root, relative(root, resolve(root, dirname(file.path), spec['spec'])), maxDataBytes);
    if (!('real' in found))
      return fail(
        found.rule === 'file-size'
          ? `Unexpected \`spec: ${spec['spec']}\` of more than ${maxDataBytes / 1024 / 1024} MB, expected a specification`
          : `Unexpected \`spec: ${spec['spec']}\`, expected a file inside the project`,
        source,
        ['spec'],
      );
    const path = found.real;
    (file.data.inputs ??= []).push(path);
    const text = await readFile(path, 'utf8');
    const shared = readSource(text, path, ` in \`${relative(root, path)}\``, 1, 1, file, place);
    if (!shared) return undefined;
    const base = plainData(shared, file, place);
    if (base === undefined) return undefined;
    if (!base || typeof base !== 'object' || Array.isArray(base))
      return fail('Unexpected specification, expected a mapping of Vega-Lite keys', shared);
    // The block's keys win; its data, when it has none, is the file's (relative to that file).
    if (spec['data'] === undefined) holder = shared;
    translations = { ...readTranslations((base as Spec)['translations']), ...translations };
    spec = { ...(base as Spec), ...spec };
  }
  // Caption and description are running text: in Chinese or Japanese, without typed CJK–Latin gaps.
  const text = (value: unknown) =>
    typeof value === 'string' ? spacedIn(value.trim(), file.data.language ?? 'en') : '';
  const caption = text(spec['caption']);
  const alt = text(spec['alt']);
  if (!caption) warn(file, "Missing `caption` in chart block, expected the figure's caption", place, 'chart-caption');
  warnOwnNumber(file, caption, place);
  if (!alt)
    warn(
      file,
      'Missing `alt` in chart block, expected a description of the chart for readers who cannot see it',
      place,
      'image-alt',
    );
  const vegaLite: Spec = Object.fromEntries(
    Object.entries(spec).filter(
      ([key, value]) => !ownKeys.includes(key) || (key === 'spec' && typeof value !== 'string'),
    ),
  );
  const data = await inlineData(vegaLite['data'], holder, root, file);
  if (typeof data === 'string') return fail(data, holder, ['data']);
  if (data) vegaLite['data'] = data;
  const words = translations[file.data.language ?? ''] ?? {};
  const translated = translateSpec(vegaLite, words);
  let chart;
  try {
    chart = await drawChart(translated, { title: caption, description: alt, words });
  } catch (cause) {
    if (cause instanceof ChartError)
      return fail(`Unexpected chart specification: ${cause.message}`, source, cause.path);
    throw cause;
  }
  for (const warning of chart.warnings) warn(file, `Vega-Lite: ${warning}`, place, 'chart-spec');
  // Print keeps a chart's text readable: in the column, on a landscape page, or not at all.
  const fit = printFit(chart.svg);
  if (!fit.page) {
    error(
      file,
      `Unexpected chart ${fit.width} px wide, whose smallest text would print at ${fit.points} pt, expected text of at least ${minPrintedText} pt: wrap its views (\`columns\` on a \`concat\`, \`facet\` or \`repeat\`), draw fewer, or make them narrower (\`width\`)`,
      place,
      'chart-text-small',
    );
    return undefined;
  }
  const key = block.label ?? `auto:${file.data.idPrefix ?? ''}:chart-${number}`;
  const svg = fromHtml(chart.svg, { fragment: true, space: 'svg' }).children.find(
    (node): node is Element => node.type === 'element',
  );
  if (!svg) return undefined;
  return {
    type: 'element',
    tagName: 'figure',
    properties: {
      id: block.label ? block.label.replace(':', '-') : `chart-${number}`,
      // A landscape page of its own in print, where its text stays readable.
      className: fit.page === 'landscape' ? ['chart', 'print-landscape'] : ['chart'],
      dataAnchor: key,
      dataAnchorKind: 'figure',
      dataTitle: caption,
    },
    children: [
      svg,
      // The values close the caption: a figure's caption is its first or last child.
      element('figcaption', {}, [
        element('span', { className: ['caption-label'], dataLabelOf: key }, []),
        ...(caption ? [{ type: 'text' as const, value: caption }] : []),
        tableOf(chart.table, dataLabel),
      ]),
    ],
    position: { start: { line: block.line, column: block.column }, end: { line: block.line, column: block.column } },
  };
}

/**
 * Parse a block's or a specification file's text, reporting a YAML error where it is.
 *
 * @param at Where a problem in a file other than the chapter is reported (the block).
 */
function readSource(
  text: string,
  path: string,
  name: string,
  line: number,
  column: number,
  file: VFile,
  at?: { line: number; column: number },
): Source | undefined {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const source = { document, lines, line, column, path, name };
  const problem = document.errors[0];
  if (problem) {
    const [start] = problem.linePos ?? [];
    const place = at ?? (start ? { line: line + start.line - 1, column: column + start.col - 1 } : { line, column });
    error(
      file,
      `Unexpected YAML in chart${name}: ${(problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}${at && start ? ` (line ${start.line}, column ${start.col})` : ''}`,
      place,
      'chart-yaml',
    );
    return undefined;
  }
  return source;
}

/**
 * A source's data, or `undefined` after an error at the block when YAML's aliases expand past
 * the limit (a "billion laughs").
 */
function plainData(source: Source, file: VFile, place: { line: number; column: number }): unknown {
  const read = yamlValue(source.document);
  if ('value' in read) return read.value ?? null;
  const at = read.at === undefined || source.name ? undefined : source.lines.linePos(read.at);
  error(
    file,
    `Unexpected YAML in chart${source.name}: ${read.problem}`,
    at ? { line: source.line + at.line - 1, column: source.column + at.col - 1 } : place,
    'chart-yaml',
  );
  return undefined;
}

/** Where a key of a source is in the chapter; `undefined` for a specification file (reported at the block). */
function locate(source: Source, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  if (source.name) return undefined;
  let node =
    path.length > 0
      ? (source.document.getIn(path, true) as { range?: [number, number, number] } | undefined)
      : undefined;
  // A path into a value that is not there (a `mark` string asked for its `type`): its parent.
  for (let depth = path.length - 1; !node?.range && depth > 0; depth--)
    node = source.document.getIn(path.slice(0, depth), true) as typeof node;
  const offset = node?.range?.[0] ?? source.document.contents?.range[0] ?? 0;
  const { line, col } = source.lines.linePos(offset);
  return { line: source.line + line - 1, column: source.column + col - 1 };
}

/** `translations` as language → word → translation, ignoring what is not text. */
function readTranslations(value: unknown): Record<string, Record<string, string>> {
  if (!value || typeof value !== 'object') return {};
  const result: Record<string, Record<string, string>> = {};
  for (const [language, words] of Object.entries(value as Spec)) {
    if (!words || typeof words !== 'object') continue;
    result[language] = Object.fromEntries(
      Object.entries(words as Spec).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }
  return result;
}

/**
 * A `data` that names a file (`data: values.csv` or `data: {url: values.csv}`) → its values,
 * inline. The file must be inside the project; nothing is fetched.
 *
 * @returns The data, `undefined` when there is none to read, or the reason it cannot be read.
 */
async function inlineData(
  data: unknown,
  holder: Source,
  root: string,
  file: VFile,
): Promise<Spec | string | undefined> {
  const url = typeof data === 'string' ? data : data && typeof data === 'object' ? (data as Spec)['url'] : undefined;
  if (url === undefined) return undefined;
  if (typeof url !== 'string') return 'Unexpected `data`, expected inline `values` or the path of a file';
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//'))
    return `Unexpected data URL \`${url}\`, expected a CSV, TSV or JSON file inside the project`;
  // Any size here: the type is told before the size.
  const found = await confine(root, relative(root, resolve(root, dirname(holder.path), url)), Infinity);
  if (!('real' in found)) return `Unexpected \`data: ${url}\`, expected a CSV, TSV or JSON file inside the project`;
  const path = found.real;
  const type = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json' }[extname(path).toLowerCase()];
  if (!type) return `Unexpected data file \`${url}\`, expected a \`.csv\`, \`.tsv\` or \`.json\` file`;
  if (found.stats.size > maxDataBytes)
    return `Unexpected data file \`${url}\` of more than ${maxDataBytes / 1024 / 1024} MB, expected a summary to draw`;
  (file.data.inputs ??= []).push(path);
  let values: unknown[];
  try {
    values = await readValues(await readFile(path, 'utf8'), type);
  } catch (cause) {
    return `Unexpected data in \`${url}\`: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  if (values.length > maxChartRows)
    return `Unexpected ${values.length} rows in \`${url}\`, expected at most ${maxChartRows}: draw a summary`;
  const { url: _url, format: _format, ...rest } = typeof data === 'object' ? (data as Spec) : {};
  return { ...rest, values };
}

/** The values under a chart: a table in a disclosure, closed by default. */
function tableOf(table: DataTable, label: string): Element {
  return element('details', { className: ['chart-data'] }, [
    element('summary', {}, [{ type: 'text', value: label }]),
    element('table', {}, [
      element('thead', {}, [
        element(
          'tr',
          {},
          table.columns.map((column) => element('th', { scope: 'col' }, [{ type: 'text', value: column }])),
        ),
      ]),
      element(
        'tbody',
        {},
        table.rows.map((row) =>
          element(
            'tr',
            {},
            row.map((cell) => element('td', {}, [{ type: 'text', value: cell }])),
          ),
        ),
      ),
    ]),
  ]);
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}
