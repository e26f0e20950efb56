/**
 * The committee's side of judging: assign judges to cases, and read the results. A thin layer
 * over `check` (which reads the settings, the sheets and the results) and the judging files.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { join } from 'node:path';
import { check } from './check.js';
import { assignJudges, assignmentsYaml, type Rounds } from './judging/assign.js';
import type { CaseResult, JudgeSummary } from './judging/results.js';
import { judgingPaths } from './judging/settings.js';
import { UsageError } from './model/errors.js';
import { formatReport } from './report.js';

/** Check a book for the judging commands: its cases and judging settings must be valid. */
async function judgingOf(root: string) {
  const result = await check({ root });
  const settings = result.judging.settings;
  const book = result.editions[0];
  if (!book || !settings) {
    const report = formatReport(result.files.filter((file) => file.messages.some((message) => message.fatal)));
    throw new UsageError(
      settings === undefined && result.judging.files.length === 0
        ? `No judging settings: expected \`${judgingPaths.criteria}\` and \`${judgingPaths.judges}\``
        : `The book or its judging settings have errors; \`whitepaper check\` lists them:\n${report}`,
    );
  }
  return { result, settings, book };
}

/**
 * Assign judges to the book's cases and write `judging/assignments.yaml`: screeners to every case
 * when the criteria have a screening round, and judges to the cases to score (with a screening
 * round, those it passed: run it again when the screening sheets are in).
 *
 * @param options Root; judges per case in the scored round (default the settings' `judgesPerCase`).
 * @returns The assignment of each round, with what it could not do.
 */
export async function assignCases(options: { root?: string; perCase?: number } = {}): Promise<Rounds> {
  const root = options.root ?? process.cwd();
  const { result, settings, book } = await judgingOf(root);
  const cases = book.cases.map((item) => ({
    slug: item.slug,
    organization: item.organization,
    committee: item.committee,
  }));
  const { screening } = settings.criteria;
  // With a screening round, only the cases it passed are scored; the others wait for it.
  const outcome = new Map(result.judging.screening?.map((item) => [item.slug, item.outcome]));
  const scored = screening ? cases.filter((item) => outcome.get(item.slug) === 'passed') : cases;
  const rounds: Rounds = {
    ...(screening ? { screening: assignJudges(cases, settings.judges, screening.judgesPerCase) } : {}),
    scored: assignJudges(scored, settings.judges, options.perCase ?? settings.criteria.judgesPerCase),
    waiting: cases.filter((item) => screening && outcome.get(item.slug) === 'waiting').map((item) => item.slug),
  };
  await writeFile(join(root, judgingPaths.assignments), assignmentsYaml(rounds));
  return rounds;
}

/**
 * The results of the score sheets returned so far.
 *
 * @param options Root.
 * @returns Each scored case, best first, and each judge's totals.
 */
export async function listResults(
  options: { root?: string } = {},
): Promise<{ cases: CaseResult[]; judges: JudgeSummary[] }> {
  const { result } = await judgingOf(options.root ?? process.cwd());
  return result.judging.results ?? { cases: [], judges: [] };
}

/**
 * The results as a table for a terminal.
 *
 * @param results From `listResults`.
 * @returns Text.
 */
export function formatResults(results: { cases: readonly CaseResult[]; judges: readonly JudgeSummary[] }): string {
  if (results.cases.length === 0) return 'No scores yet.\n';
  const rows = [
    ['rank', 'case', 'committee', 'rank in it', 'judges', 'mean', 'normalised', 'spread', 'proposed', 'flags'],
    ...results.cases.map((item) => [
      String(item.rank.overall),
      item.slug,
      item.committee,
      String(item.rank.committee),
      String(item.judges),
      item.mean.toFixed(2),
      item.normalized.toFixed(2),
      item.spread.toFixed(2),
      item.proposed ?? '',
      item.flags.join(', '),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

/**
 * The tiers the settings' `awardRules` propose from the ranking, as `cases/awards.yaml` holds
 * them: each tier's label and translations from the awards file when it has the tier, its cases
 * in ranking order. For the editors to compare and copy: nothing is written.
 *
 * @param options Root.
 * @returns YAML.
 */
export async function proposeAwards(options: { root?: string } = {}): Promise<string> {
  const { result, settings } = await judgingOf(options.root ?? process.cwd());
  const cases = result.judging.results?.cases ?? [];
  const known = result.editions[0]?.tiers ?? [];
  const value = (data: unknown) =>
    stringify(data, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
  const lines = [
    "# Proposed by `whitepaper judging propose` from the judges' ranking and the criteria's `awardRules`.",
    'tiers:',
  ];
  for (const id of new Set(settings.criteria.awardRules.map((rule) => rule.tier))) {
    const tier = known.find((candidate) => candidate.id === id);
    lines.push(`  - id: ${id}`, `    label: ${value(tier?.label ?? id)}`);
    if (tier && Object.keys(tier.translations).length > 0) lines.push(`    translations: ${value(tier.translations)}`);
    lines.push(`    cases: ${value(cases.filter((item) => item.proposed === id).map((item) => item.slug))}`);
  }
  return `${lines.join('\n')}\n`;
}
