/**
 * The judging stage: the settings, the score sheets judges returned, and the results they give;
 * the awards checked against the ranking (a tier that departs from it says why). Runs when the
 * book has `judging/criteria.yaml`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { locator } from '../load/front-matter.js';
import { readSource } from '../load/read.js';
import { error, warn } from '../model/message.js';
import { awardsSchema } from '../model/schema.js';
import type { AwardsDecided } from '../model/types.js';
import { judgingResults, type CaseResult, type JudgeSummary } from './results.js';
import { readSheet, type Sheet } from './scores.js';
import { readVerdicts, screeningOutcomes, type Screened } from './screening.js';
import {
  conflicted,
  hasJudging,
  judgingPaths,
  readJudgingSettings,
  type JudgedCase,
  type Judge,
  type JudgingSettings,
} from './settings.js';

/** What the judging stage found. */
export interface Judging {
  /** The judging files, with their messages. */
  files: VFile[];
  settings: JudgingSettings | undefined;
  sheets: Sheet[];
  results: { cases: CaseResult[]; judges: JudgeSummary[] } | undefined;
  /** Each case's screening, when the criteria have a screening round. */
  screening: Screened[] | undefined;
}

/**
 * Read the sheets judges returned to a folder, `<judge id>.csv` or `<judge id>.xlsx` each.
 *
 * @param root The content root.
 * @param folder The folder, relative to the root.
 * @param judges The judges.
 * @param files Where each file read is added (with its messages).
 * @param read Reads one judge's sheet.
 * @returns Every valid row.
 */
async function readSheets<T>(
  root: string,
  folder: string,
  judges: readonly Judge[],
  files: VFile[],
  read: (file: VFile, judge: Judge) => T[],
): Promise<T[]> {
  let names: string[] = [];
  try {
    names = (await readdir(join(root, folder))).filter((name) => /\.(csv|xlsx)$/.test(name)).sort();
  } catch {
    // No sheets yet.
  }
  const rows: T[] = [];
  for (const name of names) {
    // A spreadsheet is read as bytes, a CSV file as text.
    const file = await readSource(root, `${folder}/${name}`, undefined, name.endsWith('.xlsx'));
    files.push(file);
    if (file.messages.length > 0) continue;
    const stem = name.replace(/\.(csv|xlsx)$/, '');
    const judge = judges.find((candidate) => candidate.id === stem);
    if (!judge) {
      error(
        file,
        `Unexpected sheet \`${name}\`, expected \`<judge id>.csv\` or \`.xlsx\` for a judge of \`${judgingPaths.judges}\``,
        { line: 1, column: 1 },
        'judges-unknown',
      );
      continue;
    }
    if (names.includes(`${stem}.csv`) && name.endsWith('.xlsx')) {
      error(
        file,
        `Unexpected second sheet of \`${stem}\` (also \`${stem}.csv\`), expected one sheet per judge`,
        { line: 1, column: 1 },
        'scores-format',
      );
      continue;
    }
    rows.push(...read(file, judge));
  }
  return rows;
}

/**
 * Read the judging of a book, if it has one.
 *
 * @param root The content root.
 * @param cases The book's valid cases.
 * @returns What was read; empty when the book has no judging settings.
 */
export async function readJudging(root: string, cases: readonly JudgedCase[]): Promise<Judging> {
  const none = { settings: undefined, sheets: [], results: undefined, screening: undefined };
  if (!hasJudging(root)) return { files: [], ...none };
  const read = await readJudgingSettings(root, cases);
  if (!read.criteria) return { files: read.files, ...none };
  const settings = read;
  const { criteria, judges } = settings;
  const files = [...settings.files];
  const byCase = new Map(cases.map((item) => [item.slug, item]));
  const verdicts = await readSheets(root, judgingPaths.screening, judges, files, (file, judge) => {
    if (criteria.screening) return readVerdicts(file, judge, byCase);
    error(
      file,
      `Unexpected screening sheet, expected a \`screening:\` round in \`${judgingPaths.criteria}\``,
      { line: 1, column: 1 },
      'screening-unset',
    );
    return [];
  });
  const screening = criteria.screening ? screeningOutcomes(verdicts, criteria.screening, cases) : undefined;
  const screenedOut = new Set(screening?.filter((item) => item.outcome === 'out').map((item) => item.slug));
  const sheets = await readSheets(root, judgingPaths.scores, judges, files, (file, judge) =>
    readSheet(file, judge, criteria, byCase, screenedOut),
  );
  return {
    files,
    settings,
    sheets,
    screening,
    results: sheets.length > 0 ? judgingResults(sheets, criteria, cases) : undefined,
  };
}

/**
 * Warn at each awarded case that the screening round left out, or that a case the judges ranked
 * higher in its committee did not get (or got a lower tier), unless its tier says why (`reason:`).
 *
 * @param file The awards file; nothing is checked when its content is not valid (its errors say why).
 * @param judging The judging: its ranking and screening.
 */
export function checkAwardsAgainstJudging(file: VFile, { results, screening }: Judging): void {
  const parsed = awardsSchema.safeParse(file.data.matter);
  if (!parsed.success) return;
  const awards = parsed.data;
  const ranked = results?.cases ?? [];
  const locate = locator(file, file.data.frontMatter);
  // A case's tier as a rank: 0 for the first tier; the unawarded after every tier.
  const tierOf = new Map<string, number>();
  awards.tiers.forEach((tier, index) => {
    for (const slug of tier.cases) if (!tierOf.has(slug)) tierOf.set(slug, index);
  });
  const tier = (slug: string) => tierOf.get(slug) ?? awards.tiers.length;
  for (const [t, entry] of awards.tiers.entries()) {
    if (entry.reason) continue;
    for (const [c, slug] of entry.cases.entries()) {
      if (screening?.some((item) => item.slug === slug && item.outcome === 'out')) {
        warn(
          file,
          `Unexpected award of \`${slug}\`, which the screening round left out, expected a \`reason:\` for the tier`,
          locate(['tiers', t, 'cases', c], 'value'),
          'awards-screened-out',
        );
        continue;
      }
      const result = ranked.find((candidate) => candidate.slug === slug);
      if (!result) continue;
      const passedOver = ranked.find(
        (other) =>
          other.committee === result.committee && other.rank.committee < result.rank.committee && tier(other.slug) > t,
      );
      if (passedOver)
        warn(
          file,
          `Unexpected award of \`${slug}\` (ranked ${result.rank.committee} in \`${result.committee}\`) above \`${passedOver.slug}\` (ranked ${passedOver.rank.committee}), expected the judges' order or a \`reason:\` for the tier`,
          locate(['tiers', t, 'cases', c], 'value'),
          'awards-ranking',
        );
    }
  }
}

/**
 * What the compendium says of the judging: how many judges scored how many cases on which
 * criteria, and how many pairings conflicts left out. Never a judge's score.
 *
 * @param judging The judging stage's result.
 * @param cases The book's cases.
 * @returns The account, or `undefined` before any score.
 */
export function awardsDecided(judging: Judging, cases: readonly JudgedCase[]): AwardsDecided | undefined {
  const { settings, results } = judging;
  if (!settings || !results || results.cases.length === 0) return undefined;
  let conflicts = 0;
  for (const judge of settings.judges)
    for (const item of cases)
      if (judge.committees.includes(item.committee as (typeof judge.committees)[number]) && conflicted(judge, item))
        conflicts++;
  return {
    judges: results.judges.length,
    cases: results.cases.length,
    judgesPerCase: settings.criteria.judgesPerCase,
    criteria: settings.criteria.criteria.map((criterion) => ({
      label: criterion.label,
      translations: criterion.translations ?? {},
      weight: criterion.weight,
    })),
    conflicts,
    ...(settings.criteria.screening && judging.screening
      ? {
          screened: {
            label: settings.criteria.screening.label,
            translations: settings.criteria.screening.translations ?? {},
            cases: judging.screening.filter((item) => item.outcome !== 'waiting').length,
            passed: judging.screening.filter((item) => item.outcome === 'passed').length,
          },
        }
      : {}),
  };
}
