/**
 * A Vega-Lite specification → an SVG drawing and the table of its values, at build time: no
 * browser, no network, no script (expressions are interpreted, not compiled to functions).
 * Chapters' chart blocks and the compendium's charts are drawn here.
 */
import { loadLibrary } from './loading.js';
import { escapeHtml } from './escape-html.js';
import { typefaces } from '../data/typefaces.js';
import { sanitizeSvg } from './sanitize-svg.js';

/** A specification as plain data (from YAML or JSON). */
export type Spec = Record<string, unknown>;

/** The values behind a chart, as a table: one column per encoded field. */
export interface DataTable {
  columns: string[];
  rows: string[][];
}

/** A drawn chart. */
export interface Chart {
  /** Standalone SVG markup, sanitised, with `<title>` and `<desc>`. */
  svg: string;
  table: DataTable;
  /** What Vega-Lite warned about (a field type guessed, a channel dropped …). */
  warnings: string[];
}

/** A specification Vega-Lite cannot draw; `path` is where in it, when known (`['mark']`). */
export class ChartError extends Error {
  readonly path: readonly (string | number)[];
  constructor(message: string, path: readonly (string | number)[] = []) {
    super(message);
    this.path = path;
  }
}

/** Most rows a chart draws, from a file, inline or generated (`sequence`). */
export const maxChartRows = 10_000;

/** Marks Vega-Lite draws; `image` is left out (it fetches its pictures). */
const marks = new Set(
  'arc area bar circle line point rect rule square text tick trail geoshape boxplot errorband errorbar'.split(' '),
);

/** The book's colours: the accent first, then hues that stay apart in print. */
export const chartColours = ['#0b5c8a', '#d9822b', '#3a8f5c', '#8a5cb8', '#c2455a', '#5f7285', '#b8952a', '#2a9bb0'];

/** Encoding channels whose fields a data table shows, in this order. */
const tableChannels = ['y', 'x', 'row', 'column', 'theta', 'color', 'size', 'shape', 'text', 'x2', 'y2'];

/** The look shared by every chart: the book's sans, its colours, quiet axes. */
function theme(): Spec {
  const font = `${typefaces.sans}, ${typefaces.cjkSans}, sans-serif`;
  return {
    font,
    background: '#ffffff',
    padding: 8,
    aria: false,
    // Charts fill the column: a few categories no longer make a chart 150 px wide.
    view: { continuousWidth: chartWidth, continuousHeight: 220, discreteWidth: chartWidth, stroke: null },
    range: { category: chartColours },
    mark: { color: chartColours[0] },
    axis: {
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 600,
      labelColor: '#1b1f23',
      titleColor: '#1b1f23',
      domainColor: '#57606a',
      tickColor: '#57606a',
      gridColor: '#e3e6ea',
      labelLimit: 220,
    },
    legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600 },
    title: { fontSize: 13, fontWeight: 600, anchor: 'start', offset: 12 },
    header: { labelFontSize: 11, titleFontSize: 11 },
  };
}

/**
 * The width of a line of text in the book's sans, estimated per character: without a canvas, Vega
 * would give every character 0.8 em, too wide for Latin text and too narrow for Chinese.
 *
 * @param text The text.
 * @param size Font size in pixels.
 * @returns Width in pixels.
 */
export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (
      code >= 0x1100 &&
      (code <= 0x115f ||
        (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        code >= 0x20000)
    )
      ems += 1;
    else if (/[ijlft.,:;'!|()[\]\s]/.test(character)) ems += 0.28;
    else if (/[mwMW@%]/.test(character)) ems += 0.82;
    else if (/[A-Z&]/.test(character)) ems += 0.6;
    else ems += 0.5;
  }
  return Math.ceil(ems * size);
}

/** The width of a chart's plot, in px: the print's column less the axes (`printBlock`). */
const chartWidth = 420;
let engine:
  Promise<{ vega: typeof import('vega'); vegaLite: typeof import('vega-lite'); interpreter: unknown }> | undefined;

/** Vega and Vega-Lite, loaded on first use (a book without charts never pays for them). */
function loadEngine() {
  // One after the other: Jest's module linker fails on modules imported concurrently that share dependencies.
  engine ??= (async () => {
    const [vega, vegaLite, { expressionInterpreter }] = await loadLibrary(async () => [
      await import('vega'),
      await import('vega-lite'),
      await import('vega-interpreter'),
    ]);
    // Typed as a constant, but Vega documents replacing it (as vl-convert does).
    (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width = (
      item: { fontSize?: number },
      text: unknown,
    ) =>
      textWidth(
        Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : (JSON.stringify(text) ?? ''),
        item.fontSize ?? 11,
      );
    return { vega, vegaLite, interpreter: expressionInterpreter };
  })();
  return engine;
}

/**
 * Replace words of a specification by their translation: titles anywhere, explicit sort orders and
 * scale domains, and the text values of inline data. An encoded field without a title gets its
 * name's translation as title. Field names themselves are kept (the data still uses them).
 *
 * @param spec A specification; not changed.
 * @param words Word → translation; empty for the original language.
 * @returns The translated copy.
 */
export function translateSpec(spec: Spec, words: Readonly<Record<string, string>>): Spec {
  const say = (value: unknown) => (typeof value === 'string' && Object.hasOwn(words, value) ? words[value] : value);
  const walk = (value: unknown, key: string | undefined): unknown => {
    if (Array.isArray(value))
      return value.map((item) =>
        key === 'values' || key === 'sort' || key === 'domain' ? walkRow(item) : walk(item, key),
      );
    if (value === null || typeof value !== 'object') return key === 'title' || key === 'text' ? say(value) : value;
    const object = value as Spec;
    const copy: Spec = {};
    for (const [name, item] of Object.entries(object)) copy[name] = walk(item, name);
    // An encoded field is titled by its name unless told otherwise: the translation becomes its title.
    if (typeof object['field'] === 'string' && object['title'] === undefined && Object.hasOwn(words, object['field']))
      copy['title'] = words[object['field']];
    return copy;
  };
  const walkRow = (row: unknown): unknown => {
    if (row === null || typeof row !== 'object') return say(row);
    return Object.fromEntries(Object.entries(row as Spec).map(([name, cell]) => [name, say(cell)]));
  };
  return Object.keys(words).length === 0 ? spec : (walk(spec, undefined) as Spec);
}

/**
 * The values of a chart as a table: the encoded fields of its inline data, each titled as on the
 * chart.
 *
 * @param spec A specification whose data is inline (`data.values`).
 * @param words Translations, for fields the chart does not title.
 * @returns Columns and rows, as text.
 */
export function dataTable(spec: Spec, words: Readonly<Record<string, string>> = {}): DataTable {
  const data = spec['data'] as { values?: unknown } | undefined;
  const values = Array.isArray(data?.values) ? (data.values as unknown[]) : [];
  const encoding = (spec['encoding'] ?? {}) as Record<string, { field?: unknown; title?: unknown } | undefined>;
  const fields: { field: string; title: string }[] = [];
  for (const channel of tableChannels) {
    const definition = encoding[channel];
    const field = definition?.field;
    // A field whose values are the colours themselves (`scale: null`) is not data.
    if (typeof field !== 'string' || fields.some((entry) => entry.field === field)) continue;
    if (channel === 'color' && (definition as { scale?: unknown }).scale === null) continue;
    const title =
      typeof definition?.title === 'string' ? definition.title : Object.hasOwn(words, field) ? words[field] : field;
    fields.push({ field, title: title ?? field });
  }
  // What a row is about (its category, its date) before what is measured of it.
  const measured = (field: string) =>
    tableChannels.some(
      (channel) =>
        encoding[channel]?.field === field && (encoding[channel] as { type?: unknown }).type === 'quantitative',
    );
  fields.sort((a, b) => Number(measured(a.field)) - Number(measured(b.field)));
  const first = values[0];
  if (fields.length === 0 && first && typeof first === 'object')
    for (const field of Object.keys(first)) fields.push({ field, title: field });
  const cell = (value: unknown) =>
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString().slice(0, 10)
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  return {
    columns: fields.map((entry) => entry.title),
    rows: values.map((row) =>
      fields.map((entry) => cell(row && typeof row === 'object' ? (row as Spec)[entry.field] : row)),
    ),
  };
}

/**
 * Draw a chart.
 *
 * @param spec A Vega-Lite specification with inline data (`data.values`); URLs are refused.
 * @param text The drawing's title and description, for screen readers; `words`, the translations
 *   that name the table's columns whose fields the chart leaves untitled.
 * @returns The drawing, its values and Vega-Lite's warnings.
 * @throws ChartError when Vega-Lite cannot draw it.
 */
export async function drawChart(
  spec: Spec,
  text: { title: string; description: string; words?: Readonly<Record<string, string>> },
): Promise<Chart> {
  const mark = spec['mark'];
  const markType = typeof mark === 'object' && mark !== null ? (mark as Spec)['type'] : mark;
  if (markType !== undefined && (typeof markType !== 'string' || !marks.has(markType)))
    throw new ChartError(
      `Unexpected mark \`${typeof markType === 'string' ? markType : JSON.stringify(markType)}\`, expected one of ${[...marks].map((name) => `\`${name}\``).join(', ')}`,
      typeof mark === 'object' ? ['mark', 'type'] : ['mark'],
    );
  const generated = longSequence(spec, []);
  if (generated)
    throw new ChartError(
      `Unexpected \`sequence\` of ${generated.rows} rows, expected at most ${maxChartRows}: draw a summary`,
      generated.path,
    );
  const { vega, vegaLite, interpreter } = await loadEngine();
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = quietLogger(warnings, errors);
  let compiled;
  try {
    compiled = vegaLite.compile(uprightLabels(spec) as never, { logger, config: theme() }).spec;
  } catch (cause) {
    throw new ChartError(reason(cause));
  }
  const refuse = () =>
    Promise.reject(new Error('a chart reads no URL: give its data inline or as a file beside the chapter'));
  // A link (`href`) is sanitised too: it resolves to none, so the drawing links nowhere (Vega's
  // renderer reads the answer's `href` and fails on a refusal, outside any promise it awaits).
  const sanitize = (_uri: string, options?: { context?: string }) =>
    options?.context === 'href' ? Promise.resolve({ href: null as unknown as string }) : refuse();
  const loader = { load: refuse, sanitize, http: refuse, file: refuse };
  if (hasKey(spec, 'href')) warnings.push('links (`href`) are not drawn: a chart in the book links nowhere');
  let svg: string;
  try {
    const view = new vega.View(vega.parse(compiled, undefined, { ast: true }), {
      renderer: 'none',
      expr: interpreter as never,
      loader: loader,
      logger: logger,
    });
    svg = await view.toSVG();
    view.finalize();
  } catch (cause) {
    throw new ChartError(reason(cause));
  }
  // Vega logs what fails while it runs (a data value its code keys objects by, such as
  // `constructor`) and draws on without it: a drawing it could not finish is not published.
  if (errors.length > 0) throw new ChartError(`Vega could not draw it: ${reason(errors[0])}`);
  // The drawing is one image to assistive technology: its marks' own roles and labels go.
  const quiet = sanitizeSvg(svg).svg.replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, '');
  const label = `<title>${escapeHtml(text.title)}</title><desc>${escapeHtml(text.description)}</desc>`;
  return {
    svg: quiet.replace(
      /<svg\b[^>]*>/,
      (open) => `${open.slice(0, -1)} role="img" aria-label="${escapeHtml(text.description || text.title)}">${label}`,
    ),
    table: dataTable(spec, text.words),
    warnings,
  };
}

/**
 * Category labels under a chart stand upright when each fits its band (Vega-Lite turns them on
 * their side by default, hard to read for five country names). The chart is as wide as the
 * theme's `discreteWidth`; a spec that sets an angle, a width or its own step keeps it.
 *
 * @param spec A specification with inline data.
 * @returns The spec, its x axis' label angle set to 0 where the labels fit.
 */
export function uprightLabels(spec: Spec): Spec {
  const encoding = spec['encoding'] as Spec | undefined;
  const x = encoding?.['x'] as Spec | undefined;
  const values = (spec['data'] as Spec | undefined)?.['values'];
  if (!x || typeof x['field'] !== 'string' || !Array.isArray(values) || spec['width'] !== undefined) return spec;
  if (x['type'] !== 'nominal' && x['type'] !== 'ordinal') return spec;
  const axis = x['axis'];
  if (axis === null || (typeof axis === 'object' && axis !== null && 'labelAngle' in axis)) return spec;
  const field = x['field'];
  const labels = new Set(
    values.map((row) => {
      const cell = (row as Spec | null)?.[field];
      return typeof cell === 'string' ? cell : (JSON.stringify(cell) ?? '');
    }),
  );
  const widest = Math.max(0, ...[...labels].map((label) => textWidth(label, 11)));
  if (labels.size === 0 || widest + 8 > chartWidth / labels.size) return spec;
  return {
    ...spec,
    encoding: { ...encoding, x: { ...x, axis: { ...(typeof axis === 'object' ? axis : {}), labelAngle: 0 } } },
  };
}

/**
 * The print's text block in CSS px (96 to the inch), portrait and landscape: A4 less print.css's
 * page margins (37 mm each side, 24 mm top and bottom). A drawing wider than its block prints
 * scaled down, its text with it.
 */
export const printBlock = {
  portrait: { width: 514, height: 914 },
  landscape: { width: 843, height: 612 },
} as const;

/** The smallest text a chart may print at, in points. */
export const minPrintedText = 7;

/** Where a drawing prints with its text at least `minPrintedText`, or how small its text would be. */
export type PrintFit = { page: 'portrait' | 'landscape' } | { page: undefined; points: number; width: number };

/**
 * Where a drawing fits in print with readable text: in the column, on a landscape page of its
 * own, or nowhere (a concatenation of many views, a label set at 6 px).
 *
 * @param svg The drawing, as Vega draws it (`width`, `height` and each text's `font-size` in px).
 * @returns The page it prints on, or the size its smallest text would print at in the column.
 */
export function printFit(svg: string): PrintFit {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(open)?.[1] ?? 0);
  const height = Number(/\bheight="([\d.]+)"/.exec(open)?.[1] ?? 0);
  const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((match) => Number(match[1]));
  if (!width || sizes.length === 0) return { page: 'portrait' };
  const smallest = Math.min(...sizes);
  // CSS px to points: 0.75. The drawing scales down to its block, never up.
  const printed = (block: { width: number; height: number }) =>
    smallest * 0.75 * Math.min(1, block.width / width, block.height / Math.max(1, height));
  if (printed(printBlock.portrait) >= minPrintedText) return { page: 'portrait' };
  if (printed(printBlock.landscape) >= minPrintedText) return { page: 'landscape' };
  return { page: undefined, points: Math.round(printed(printBlock.portrait) * 10) / 10, width };
}

/** A Vega logger that keeps warnings as messages instead of printing them. */
function quietLogger(warnings: string[], errors: string[] = warnings) {
  const logger = {
    level: () => logger,
    error: (...parts: unknown[]) => (errors.push(parts.map(String).join(' ')), logger),
    warn: (...parts: unknown[]) => (warnings.push(parts.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

function reason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/\.$/, '');
}

/**
 * Parse a data file's text as Vega reads it: CSV and TSV with numbers and dates recognised.
 *
 * @param text The file's text.
 * @param type `csv`, `tsv` or `json`.
 * @returns The rows.
 * @throws Error when the text is not of that type (JSON that is not an array of rows).
 */
export async function readValues(text: string, type: string): Promise<unknown[]> {
  if (type === 'json') {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) throw new Error('expected an array of rows');
    return value as unknown[];
  }
  const { vega } = await loadEngine();
  const rows: unknown[] = vega.read(text, { type: type as 'dsv', parse: 'auto' });
  return rows;
}

/** A `sequence` generator anywhere in a specification that makes more rows than a chart draws. */
function hasKey(value: unknown, key: string, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (!Array.isArray(value) && Object.hasOwn(value, key)) return true;
  return Object.values(value).some((item) => hasKey(item, key, depth + 1));
}

function longSequence(
  value: unknown,
  path: (string | number)[],
): { rows: number; path: (string | number)[] } | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = longSequence(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value as Spec)) {
    if (key === 'sequence' && item && typeof item === 'object') {
      const { start = 0, stop = 0, step = 1 } = item as { start?: unknown; stop?: unknown; step?: unknown };
      const rows = Math.abs((Number(stop) - Number(start)) / (Number(step) || 1));
      if (!Number.isFinite(rows) || rows > maxChartRows)
        return { rows: Number.isFinite(rows) ? Math.ceil(rows) : Infinity, path: [...path, key] };
    }
    const found = longSequence(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
