/**
 * The judging → the editors' judging report, `editors/judging.html`, beside the dashboard: the
 * ranking per committee, each case's criteria as small bars, its flags, the coverage of the
 * assignments, and each judge's mean and spread, with links to the blank score sheets (the
 * packets output writes them). For the editors only: no judge's score reaches the site or the book.
 */
import { englishLabels as labels } from '../../data/languages/index.js';
import type { Committee } from '../../data/committees.js';
import type { Judging } from '../../judging/index.js';
import type { BookSettings } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { bookView } from '../view/view.js';

/**
 * Render the report and the blank sheets.
 *
 * @param judging The judging stage's result.
 * @param settings The book's settings.
 * @param context Templates (`layouts/judging.hbs`).
 * @returns Path below `editors/` → file text; empty when the book has no judging.
 */
export function renderJudging(
  judging: Judging,
  settings: BookSettings,
  { templates }: Pick<RenderContext, 'templates'>,
): Map<string, string> {
  const { settings: judgingSettings } = judging;
  if (!judgingSettings) return new Map();
  const { criteria, judges, assignments } = judgingSettings;
  const results = judging.results?.cases ?? [];
  const committeeName = (id: string) =>
    Object.hasOwn(labels.committees, id) ? labels.committees[id as Committee] : id;
  const rows = results.map((result) => ({
    ...result,
    committeeName: committeeName(result.committee),
    mean: result.mean.toFixed(2),
    normalized: result.normalized.toFixed(2),
    spread: result.spread.toFixed(2),
    status: result.flags[0] ?? 'ok',
    flags: result.flags.join(', '),
    // One bar per criterion: its mean as a share of the scale.
    bars: criteria.criteria.map((criterion) => {
      const [low, high] = criterion.scale;
      const value = result.byCriterion[criterion.id] ?? low;
      return {
        label: criterion.label,
        value: value.toFixed(1),
        percent: Math.round(((value - low) / (high - low)) * 100),
      };
    }),
  }));
  // Coverage: every assigned case, with how many sheets scored it.
  const assigned = new Map<string, number>();
  for (const cases of assignments.values()) for (const slug of cases) assigned.set(slug, (assigned.get(slug) ?? 0) + 1);
  const scored = new Map(results.map((result) => [result.slug, result.judges]));
  const coverage = [...assigned]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([slug, count]) => ({ slug, assigned: count, scored: scored.get(slug) ?? 0 }))
    .filter((entry) => entry.scored < Math.max(entry.assigned, criteria.judgesPerCase));
  const html = templates.render('layouts/judging', {
    lang: 'en',
    book: bookView(settings),
    criteria: criteria.criteria.map((criterion) => ({ ...criterion, scale: criterion.scale.join('–') })),
    judgesPerCase: criteria.judgesPerCase,
    rows,
    coverage,
    judges: (judging.results?.judges ?? []).map((summary) => ({
      ...summary,
      name: judges.find((judge) => judge.id === summary.judge)?.name ?? summary.judge,
      mean: summary.mean.toFixed(2),
      spread: summary.spread.toFixed(2),
    })),
    sheets: [...assignments.keys()],
    screening:
      criteria.screening && judging.screening
        ? {
            label: criteria.screening.label,
            rule: criteria.screening.passWhen === 'any' ? 'one screener passes it' : 'every screener passes it',
            passed: judging.screening.filter((item) => item.outcome === 'passed').length,
            out: judging.screening.filter((item) => item.outcome === 'out').length,
            waiting: judging.screening.filter((item) => item.outcome === 'waiting').length,
            cases: judging.screening.map((item) => ({
              ...item,
              outcome: item.outcome === 'out' ? 'left out' : item.outcome,
              committeeName: committeeName(item.committee),
            })),
            sheets: [...judgingSettings.screening.keys()],
          }
        : null,
  });
  return new Map([['judging.html', html]]);
}
