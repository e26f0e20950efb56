/**
 * Score sheets → results: per case, the judges' weighted mean, the mean of their normalised
 * scores (each judge's totals as z-scores, so that a harsh and a lenient judge weigh alike), the
 * spread, how many judges; ties, high disagreement and too few judges flagged; a ranking per
 * committee and overall.
 */
import type { Criteria, JudgedCase } from './settings.js';
import type { Sheet } from './scores.js';

/** What the judges made of one case. */
export interface CaseResult {
  slug: string;
  committee: string;
  /** Judges who scored it. */
  judges: number;
  /** Mean of the judges' weighted totals, on the criteria's scale. */
  mean: number;
  /** Mean of the judges' normalised totals (z-scores within each judge). */
  normalized: number;
  /** Highest total less the lowest. */
  spread: number;
  /** Mean of each criterion's scores. */
  byCriterion: Readonly<Record<string, number>>;
  flags: ('tie' | 'disagreement' | 'few-judges')[];
  /** Rank within its committee and overall, from 1. */
  rank: { committee: number; overall: number };
  /** The tier the settings' `awardRules` propose for it, if any. */
  proposed: string | null;
}

/** A judge's totals as the normalisation sees them. */
export interface JudgeSummary {
  judge: string;
  cases: number;
  mean: number;
  /** Standard deviation of their totals. */
  spread: number;
}

/** A judge's weighted total for one sheet: Σ weight × score / Σ weight. */
export function weightedTotal(sheet: Sheet, criteria: Criteria): number {
  let sum = 0;
  let weights = 0;
  for (const criterion of criteria.criteria) {
    sum += criterion.weight * (sheet.scores[criterion.id] ?? 0);
    weights += criterion.weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
const deviation = (values: readonly number[]) => {
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
};
/** Numbers compared at six decimals: equal totals computed in another order stay equal. */
const rounded = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Compute the results.
 *
 * @param sheets Every valid row of every judge's sheet.
 * @param criteria The criteria (weights, scale, judges per case, disagreement threshold).
 * @param cases The book's cases.
 * @returns Each scored case's result, best first overall; each judge's totals.
 */
export function judgingResults(
  sheets: readonly Sheet[],
  criteria: Criteria,
  cases: readonly JudgedCase[],
): { cases: CaseResult[]; judges: JudgeSummary[] } {
  const totals = sheets.map((sheet) => ({ sheet, total: weightedTotal(sheet, criteria) }));
  const judges = [...new Set(sheets.map((sheet) => sheet.judge))].sort().map((judge) => {
    const own = totals.filter((entry) => entry.sheet.judge === judge).map((entry) => entry.total);
    return { judge, cases: own.length, mean: mean(own), spread: deviation(own) };
  });
  const byJudge = new Map(judges.map((summary) => [summary.judge, summary]));
  const z = (judge: string, total: number) => {
    const summary = byJudge.get(judge);
    return summary && summary.spread > 0 ? (total - summary.mean) / summary.spread : 0;
  };
  // The scale of the weighted totals: the criteria's weighted lowest and highest.
  const weights = criteria.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  const range =
    criteria.criteria.reduce(
      (sum, criterion) => sum + criterion.weight * (criterion.scale[1] - criterion.scale[0]),
      0,
    ) / weights;
  const results: CaseResult[] = cases.flatMap((item) => {
    const own = totals.filter((entry) => entry.sheet.case === item.slug);
    if (own.length === 0) return [];
    const values = own.map((entry) => entry.total);
    const spread = Math.max(...values) - Math.min(...values);
    const flags: CaseResult['flags'] = [];
    if (own.length > 1 && spread > criteria.disagreement * range) flags.push('disagreement');
    if (own.length < criteria.judgesPerCase) flags.push('few-judges');
    return [
      {
        slug: item.slug,
        committee: item.committee,
        judges: own.length,
        mean: mean(values),
        normalized: mean(own.map((entry) => z(entry.sheet.judge, entry.total))),
        spread,
        byCriterion: Object.fromEntries(
          criteria.criteria.map((criterion) => [
            criterion.id,
            mean(own.map((entry) => entry.sheet.scores[criterion.id] ?? 0)),
          ]),
        ),
        flags,
        rank: { committee: 0, overall: 0 },
        proposed: null,
      },
    ];
  });
  // Best first: the normalised mean, then the plain mean, then the slug (a stable order).
  results.sort(
    (a, b) =>
      rounded(b.normalized) - rounded(a.normalized) || rounded(b.mean) - rounded(a.mean) || (a.slug < b.slug ? -1 : 1),
  );
  const tied = (a: CaseResult, b: CaseResult) =>
    rounded(a.normalized) === rounded(b.normalized) && rounded(a.mean) === rounded(b.mean);
  const committees = new Map<string, number>();
  results.forEach((result, index) => {
    const within = (committees.get(result.committee) ?? 0) + 1;
    committees.set(result.committee, within);
    result.rank = { committee: within, overall: index + 1 };
    if (results.some((other) => other !== result && tied(other, result))) result.flags.push('tie');
  });
  proposeTiers(results, criteria.awardRules);
  return { cases: results, judges };
}

/**
 * Propose tiers from the ranking: each rule, in order, gives its tier to the best `top` cases of
 * each committee (or overall) that no earlier rule gave one, and whose weighted mean reaches its
 * `minimum`.
 *
 * @param results The ranked results, best first overall; their `proposed` is set.
 * @param rules The settings' `awardRules`.
 */
export function proposeTiers(results: CaseResult[], rules: Criteria['awardRules']): void {
  for (const rule of rules) {
    const given = new Map<string, number>();
    for (const result of results) {
      if (result.proposed !== null || (rule.minimum !== undefined && result.mean < rule.minimum)) continue;
      const group = rule.of === 'overall' ? '' : result.committee;
      const count = given.get(group) ?? 0;
      if (count >= rule.top) continue;
      given.set(group, count + 1);
      result.proposed = rule.tier;
    }
  }
}
