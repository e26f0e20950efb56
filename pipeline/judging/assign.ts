/**
 * Judges to cases: each case gets the judges its committee needs (`judgesPerCase`), never one
 * with a conflict of interest, the load balanced across judges; the same input always gives
 * the same assignment.
 */
import { conflicted, type Judge, type JudgedCase } from './settings.js';

/** An assignment, and what it could not do. */
export interface Assignment {
  /** Judge id → case slugs, both sorted. */
  byJudge: Map<string, string[]>;
  /** Sentences: a case that got fewer judges than it needs, and why. */
  unmet: string[];
}

/** The assignment of both rounds. */
export interface Rounds {
  /** The screening round's, when the criteria have one. */
  screening?: Assignment;
  /** The scored round's: every case, or the cases the screening passed. */
  scored: Assignment;
  /** Cases not assigned to be scored because their screening is not returned yet. */
  waiting: string[];
}

/**
 * Assign judges to cases.
 *
 * @param cases The cases, with their committees and organisations.
 * @param judges The judges, with their committees and conflicts.
 * @param perCase Judges each case needs.
 * @returns The assignment.
 */
export function assignJudges(cases: readonly JudgedCase[], judges: readonly Judge[], perCase: number): Assignment {
  const byJudge = new Map<string, string[]>(
    [...judges].sort((a, b) => (a.id < b.id ? -1 : 1)).map((judge) => [judge.id, []]),
  );
  const unmet: string[] = [];
  // Cases in a fixed order; each takes the eligible judges with the fewest cases so far, the
  // judge's id breaking ties.
  for (const item of [...cases].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const eligible = judges
      .filter(
        (judge) => judge.committees.includes(item.committee as Judge['committees'][number]) && !conflicted(judge, item),
      )
      .sort((a, b) => (byJudge.get(a.id)?.length ?? 0) - (byJudge.get(b.id)?.length ?? 0) || (a.id < b.id ? -1 : 1));
    const chosen = eligible.slice(0, perCase);
    for (const judge of chosen) byJudge.get(judge.id)?.push(item.slug);
    if (chosen.length < perCase)
      unmet.push(
        `\`${item.slug}\` has ${chosen.length} of ${perCase} judges: the committee \`${item.committee}\` has ${eligible.length} without a conflict with it`,
      );
  }
  return { byJudge, unmet };
}

/**
 * The assignments file's text.
 *
 * @param rounds The assignment of each round.
 * @returns YAML.
 */
export function assignmentsYaml(rounds: Rounds): string {
  const lines = [
    `# Written by \`whitepaper judging assign\`: judge → the cases they ${rounds.screening ? 'screen, and those they score' : 'score'}.`,
  ];
  const section = (key: string, assignment: Assignment) => {
    lines.push(`${key}:`);
    for (const [judge, cases] of assignment.byJudge) lines.push(`  ${judge}: [${cases.join(', ')}]`);
  };
  if (rounds.screening) section('screening', rounds.screening);
  section('assignments', rounds.scored);
  return `${lines.join('\n')}\n`;
}
