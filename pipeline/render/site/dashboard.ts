/**
 * All case files and their messages → the editors' dashboard: one table of the whole collection.
 * It is a tool for the editors and speaks English whatever the book's languages.
 */
import type { VFile } from 'vfile';
import { englishLabels as labels } from '../../data/languages/index.js';
import type { Committee } from '../../data/committees.js';
import { countryName } from '../../data/countries.js';
import { sdgs } from '../../data/sdgs.js';
import type { BookSettings, CommentCount } from '../../model/types.js';
import type { Awards } from '../../model/types.js';
import type { PageRange } from '../context.js';
import type { RenderContext } from '../context.js';
import { bookView } from '../view/view.js';
import { editionFolder, pages } from '../../assemble/pages.js';
import { editionLanguages } from '../../validate/settings.js';

/** What the dashboard shows. */
export interface DashboardInput {
  settings: BookSettings;
  /** Every case file, valid or not, with its messages. */
  cases: readonly VFile[];
  awards: Awards;
  /** Pages of each case in the current book PDF, when one was printed. */
  ranges?: ReadonlyMap<string, PageRange>;
  /** Reviewers' comments by source path. */
  comments?: ReadonlyMap<string, CommentCount>;
  /** A judging report beside the dashboard (`judging.html`). */
  judging?: boolean;
  /** Languages of the submission forms (`submit/<language>/index.html`). */
  forms?: readonly string[];
}

interface Row {
  slug: string;
  path: string;
  title: string;
  organization: string;
  country: string;
  countryName: string;
  sdgs: string;
  committee: string;
  tier: string;
  tierRank: number;
  status: 'error' | 'warning' | 'ok';
  errors: number;
  warnings: number;
  messages: { id: string; place: string; severity: string; reason: string; ruleId: string }[];
  words: number;
  images: number;
  pages: string;
  firstPage: number;
  /** Link to the case's page in the site, when it has one. */
  href: string | null;
}

/**
 * Render the dashboard. It reads only published fields (never `contact`) from the front matter,
 * also of cases whose front matter has errors, so that editors see the whole collection.
 *
 * @param input Cases, awards and page ranges.
 * @param context Templates (`layouts/dashboard.hbs`, `dashboard.css`, `dashboard.js`).
 * @returns Path below `editors/` → file text.
 */
export function renderDashboard(
  input: DashboardInput,
  { templates }: Pick<RenderContext, 'templates'>,
): Map<string, string> {
  const { settings, awards } = input;
  const tierRank = new Map(awards.tiers.map((tier, index) => [tier.id, index]));
  let messageCount = 0;
  const rows: Row[] = input.cases.map((file) => {
    const matter = isRecord(file.data.matter) ? file.data.matter : {};
    const slug = file.stem ?? '';
    const country = text(matter['country']);
    const numbers = Array.isArray(matter['sdgs'])
      ? matter['sdgs'].filter((value): value is number => typeof value === 'number')
      : [];
    const committee = text(matter['committee']);
    const tier = awards.byCase.get(slug);
    const range = input.ranges?.get(slug);
    const messages = file.messages.map((message) => ({
      id: `m${++messageCount}`,
      place: message.line ? `${message.line}:${message.column ?? 1}` : '',
      // A reviewer's open comment is an info message: neither an error nor a warning of the case.
      severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
      reason: message.reason,
      ruleId: message.ruleId ?? '',
    }));
    const errors = messages.filter((message) => message.severity === 'error').length;
    const warnings = messages.filter((message) => message.severity === 'warning').length;
    return {
      slug,
      path: file.path,
      title: text(matter['title']),
      organization: text(matter['organization']),
      country,
      countryName: country ? countryName(country, 'en', settings.countries) : '',
      sdgs: numbers.join(', '),
      committee: Object.hasOwn(labels.committees, committee) ? labels.committees[committee as Committee] : committee,
      tier: tier?.label ?? '',
      tierRank: tier ? (tierRank.get(tier.id) ?? 0) : awards.tiers.length,
      status: errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'ok',
      errors,
      warnings,
      messages,
      words: file.data.stats?.words ?? 0,
      images: file.data.stats?.images ?? 0,
      pages: range?.printed ?? '',
      firstPage: range?.from ?? 0,
      href: errors === 0 ? `../site/${pages.case(slug)}` : null,
    };
  });
  // By title, as the table shows them (a case without a title by its file name), until a column is chosen.
  const collator = new Intl.Collator('en');
  rows.sort((a, b) => collator.compare(a.title || a.slug, b.title || b.slug) || collator.compare(a.slug, b.slug));
  const count = (keys: string[][]) => {
    const totals = new Map<string, number>();
    for (const list of keys) for (const key of list) totals.set(key, (totals.get(key) ?? 0) + 1);
    return [...totals].map(([label, total]) => ({ label, total }));
  };
  const totals = [
    {
      title: 'By tier',
      items: [...awards.tiers.map((tier) => tier.label), 'No award'].map((label) => ({
        label,
        total: rows.filter((row) => (row.tier || 'No award') === label).length,
      })),
    },
    {
      title: 'By country',
      items: count(rows.map((row) => [row.countryName || '(none)'])).sort(
        (a, b) => b.total - a.total || a.label.localeCompare(b.label),
      ),
    },
    {
      title: 'By SDG',
      items: sdgs.map((sdg) => ({
        label: `SDG ${sdg.number} ${labels.sdgNames[sdg.number - 1] ?? ''}`,
        total: rows.filter((row) => row.sdgs.split(', ').includes(String(sdg.number))).length,
      })),
    },
    {
      title: 'By committee',
      items: Object.values(labels.committees).map((label) => ({
        label,
        total: rows.filter((row) => row.committee === label).length,
      })),
    },
  ];
  const summary = {
    cases: rows.length,
    ok: rows.filter((row) => row.status === 'ok').length,
    withErrors: rows.filter((row) => row.status === 'error').length,
    withWarnings: rows.filter((row) => row.status === 'warning').length,
    awarded: rows.filter((row) => row.tier !== '').length,
  };
  const html = templates.render('layouts/dashboard', {
    lang: 'en',
    // The book's own faces, from its main edition's site (beside the dashboard in `output/`).
    fonts: `../site/${editionFolder(settings.language, editionLanguages(settings).length > 1)}assets/fonts.css`,
    book: bookView(settings),
    rows,
    totals,
    summary,
    printed: input.ranges !== undefined,
    comments: commentRows(input.comments ?? new Map(), settings),
    judging: input.judging === true,
    forms: input.forms ?? [],
  });
  return new Map([
    ['index.html', html],
    ['dashboard.css', templates.file('dashboard.css')],
    ['dashboard.js', templates.file('dashboard.js')],
  ]);
}

/**
 * One row per chapter or case with comments: its counts, and its page on the site.
 *
 * @param comments Counts by source path.
 * @param settings The book's settings (its editions: a chapter's page is in its language's folder).
 */
function commentRows(comments: ReadonlyMap<string, CommentCount>, settings: BookSettings) {
  const several = editionLanguages(settings).length > 1;
  return [...comments]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, count]) => {
      const chapter = /^chapters\/(?:([^/]+)\/)?\d+-([^/]+)\.md$/.exec(path);
      const item = /^cases\/([^/]+)\.md$/.exec(path);
      const folder = editionFolder(chapter?.[1] ?? settings.language, several);
      const page = chapter?.[2] ? pages.chapter(chapter[2]) : item?.[1] ? pages.case(item[1]) : null;
      return { path, ...count, href: page ? `../site/${folder}${page}` : null };
    });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
