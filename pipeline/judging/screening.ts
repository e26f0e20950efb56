/**
 * The screening round: a pass/fail reading before the scored one. Screeners return
 * `judging/screening/<judge>.csv` (`case,verdict,comment`, the verdict `pass` or `fail`); a case
 * passes when one screener passes it (`passWhen: any`) or when every screener does (`all`); only
 * the cases that pass are assigned to be scored, and a score of a case left out is an error.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { sheetRows } from './scores.js';
import type { Criteria, JudgedCase, Judge } from './settings.js';

/** One screener's verdict on one case. */
export interface Verdict {
  judge: string;
  case: string;
  pass: boolean;
  comment: string;
}

/** What the screening round decided of one case. */
export interface Screened {
  slug: string;
  committee: string;
  /** `waiting` until a screener has returned a verdict. */
  outcome: 'passed' | 'out' | 'waiting';
  verdicts: Verdict[];
  /** Screeners disagreed. */
  split: boolean;
}

/**
 * Read one screener's sheet.
 *
 * @param file The CSV file.
 * @param judge The screener.
 * @param cases The book's cases, by slug.
 * @returns The valid verdicts; the other rows are located errors on the file.
 */
export function readVerdicts(file: VFile, judge: Judge, cases: ReadonlyMap<string, JudgedCase>): Verdict[] {
  return sheetRows(file, judge, cases, ['verdict']).flatMap(({ slug, cell }) => {
    const place = cell('verdict');
    const verdict = place.value.trim().toLowerCase();
    if (verdict !== 'pass' && verdict !== 'fail') {
      error(
        file,
        `Unexpected verdict \`${place.value.trim()}\` for \`${slug}\`, expected \`pass\` or \`fail\``,
        place,
        'screening-verdict',
      );
      return [];
    }
    return [{ judge: judge.id, case: slug, pass: verdict === 'pass', comment: cell('comment').value }];
  });
}

/**
 * What the verdicts decide of each case.
 *
 * @param verdicts Every valid verdict.
 * @param screening The screening settings.
 * @param cases The book's cases.
 * @returns One entry per case, in the cases' order.
 */
export function screeningOutcomes(
  verdicts: readonly Verdict[],
  screening: NonNullable<Criteria['screening']>,
  cases: readonly JudgedCase[],
): Screened[] {
  return cases.map((item) => {
    const own = verdicts.filter((verdict) => verdict.case === item.slug);
    const passes = own.filter((verdict) => verdict.pass).length;
    const passed = screening.passWhen === 'any' ? passes > 0 : passes === own.length;
    return {
      slug: item.slug,
      committee: item.committee,
      outcome: own.length === 0 ? 'waiting' : passed ? 'passed' : 'out',
      verdicts: own,
      split: passes > 0 && passes < own.length,
    };
  });
}
