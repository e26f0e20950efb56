/**
 * Numbers → SVG bar charts, drawn at build time with no script and no network.
 */
import { format, type Labels } from '../../data/catalogues.js';
import { sdgs } from '../../data/sdgs.js';
import { escapeHtml } from '../../escape-html.js';

/** One bar. */
export interface Bar {
  label: string;
  value: number;
  colour: string;
  /** Accessible description, such as "SDG 6 Clean Water and Sanitation: 2 cases". */
  description: string;
}

/** Options of `barChart`. */
export interface ChartOptions {
  /** Id of the `<svg>`; its `<title>` and `<desc>` get ids from it. */
  id: string;
  title: string;
  bars: readonly Bar[];
  /** Width in CSS pixels; the chart scales to its container. */
  width?: number;
}

/**
 * Draw a vertical bar chart. Each bar is a `<rect class="bar">` with a `<title>`, so screen
 * readers and tooltips tell its value; the value is also written above the bar.
 *
 * @param options Title and bars.
 * @returns SVG markup.
 */
export function barChart(options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = 240;
  const top = 18;
  const bottom = 44;
  const left = 12;
  const max = Math.max(1, ...options.bars.map((bar) => bar.value));
  const slot = (width - 2 * left) / Math.max(1, options.bars.length);
  const barWidth = Math.max(4, slot * 0.7);
  const plot = height - top - bottom;
  const round = (value: number) => Math.round(value * 10) / 10;
  const bars = options.bars.map((bar, index) => {
    const x = round(left + index * slot + (slot - barWidth) / 2);
    const h = round((bar.value / max) * plot);
    const y = round(top + plot - h);
    const cx = round(x + barWidth / 2);
    return [
      `<rect class="bar" x="${x}" y="${y}" width="${round(barWidth)}" height="${h}" fill="${escapeHtml(bar.colour)}"><title>${escapeHtml(bar.description)}</title></rect>`,
      `<text x="${cx}" y="${round(y - 4)}" text-anchor="middle" font-size="11">${bar.value}</text>`,
      `<text x="${cx}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(bar.label)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${escapeHtml(options.id)}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeHtml(options.id)}-title">`,
    // The title is the figure's caption: here only for screen readers.
    `<title id="${escapeHtml(options.id)}-title">${escapeHtml(options.title)}</title>`,
    `<line x1="${left}" y1="${top + plot}" x2="${width - left}" y2="${top + plot}" stroke="currentColor" stroke-width="0.5"/>`,
    ...bars,
    '</svg>',
  ].join('\n');
}

/**
 * The compendium's chart of cases per SDG: 17 bars in the official colours.
 *
 * @param counts Count per SDG number.
 * @param labels Fixed text of the edition: title, SDG names.
 * @returns SVG markup.
 */
export function sdgChart(counts: readonly { number: number; count: number }[], labels: Labels): string {
  return barChart({
    id: 'chart-sdgs',
    title: labels.chartSdgs,
    bars: counts.map(({ number, count }) => {
      const sdg = sdgs[number - 1];
      return {
        label: String(number),
        value: count,
        colour: sdg?.colour ?? '#888888',
        description: `${format(labels.sdg, { number })} ${labels.sdgNames[number - 1] ?? ''}: ${count}`,
      };
    }),
  });
}

/**
 * The compendium's chart of cases per country.
 *
 * @param counts Country code, name and count, in the order to draw.
 * @param title Chart title.
 * @returns SVG markup.
 */
export function countryChart(counts: readonly { code: string; name: string; count: number }[], title: string): string {
  return rowChart({
    id: 'chart-countries',
    title,
    bars: counts.map(({ name, count }) => ({
      label: name,
      value: count,
      colour: '#0b5c8a',
      description: `${name}: ${count}`,
    })),
  });
}

/**
 * Draw a horizontal bar chart: a row per bar, its label (a country's name, in the edition's
 * language) before it and its value after it, in the order given.
 *
 * @param options Title and bars.
 * @returns SVG markup.
 */
export function rowChart(options: ChartOptions): string {
  const width = options.width ?? 640;
  const row = 22;
  const labelWidth = 190;
  const valueWidth = 36;
  const height = Math.max(1, options.bars.length) * row + 8;
  const max = Math.max(1, ...options.bars.map((bar) => bar.value));
  const round = (value: number) => Math.round(value * 10) / 10;
  const rows = options.bars.map((bar, index) => {
    const y = 4 + index * row;
    const w = round((bar.value / max) * (width - labelWidth - valueWidth));
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(bar.label)}</text>`,
      `<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${w}" height="${row - 6}" fill="${escapeHtml(bar.colour)}"><title>${escapeHtml(bar.description)}</title></rect>`,
      `<text x="${round(labelWidth + w + 6)}" y="${y + 15}" font-size="12">${bar.value}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${escapeHtml(options.id)}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeHtml(options.id)}-title">`,
    `<title id="${escapeHtml(options.id)}-title">${escapeHtml(options.title)}</title>`,
    ...rows,
    '</svg>',
  ].join('\n');
}
