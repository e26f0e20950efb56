/**
 * The judging settings, `judging/criteria.yaml` and `judging/judges.yaml`, and the assignments
 * `whitepaper judging assign` writes: read, schema-checked with located errors, and the
 * conflicts of interest they imply.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { parseYaml } from '../load/front-matter.js';
import { locator } from '../load/front-matter.js';
import { readSource } from '../load/read.js';
import type { RuleId } from '../data/rules.js';
import { error, type Place } from '../model/message.js';
import {
  assignmentsSchema,
  criteriaSchema,
  judgesSchema,
  type CriteriaMatter,
  type JudgesMatter,
} from '../model/schema.js';
import { validateMatter } from '../validate/issues.js';

/** Where the judging files are, relative to the content root. */
export const judgingPaths = {
  criteria: 'judging/criteria.yaml',
  judges: 'judging/judges.yaml',
  assignments: 'judging/assignments.yaml',
  scores: 'judging/scores',
  screening: 'judging/screening',
} as const;

export type Criteria = CriteriaMatter;
export type Judge = JudgesMatter['judges'][number];

/** A case as the judging sees it. */
export interface JudgedCase {
  slug: string;
  organization: string;
  committee: string;
}

/** The judging settings of a book, when it has them. */
export interface JudgingSettings {
  criteria: Criteria;
  judges: Judge[];
  /** Judge id → the cases assigned to them to score; empty before `judging assign`. */
  assignments: ReadonlyMap<string, readonly string[]>;
  /** Judge id → the cases assigned to them to screen; empty without a screening round. */
  screening: ReadonlyMap<string, readonly string[]>;
  /** The files read, with their messages. */
  files: VFile[];
}

/** Whether a book has judging settings. */
export const hasJudging = (root: string) => existsSync(join(root, judgingPaths.criteria));

/** A YAML file of the judging, read and parsed (its problems on it). */
async function readYaml(root: string, path: string): Promise<VFile> {
  const file = await readSource(root, path);
  if (file.messages.length === 0) parseYaml(file, String(file.value), 0);
  return file;
}

/**
 * An organisation's name as conflicts compare it: case, punctuation and spacing ignored
 * ("Example Water Trust, Ltd." is "example water trust ltd").
 */
export const normalizedOrganization = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Whether a judge may not judge a case: they declared a conflict with it, or they belong to its
 * organisation.
 *
 * @param judge The judge.
 * @param item The case.
 */
export function conflicted(judge: Judge, item: JudgedCase): boolean {
  return (
    judge.conflicts.includes(item.slug) ||
    normalizedOrganization(judge.organization) === normalizedOrganization(item.organization)
  );
}

/**
 * Report each id listed again after its first time.
 *
 * @param file The file the list is in.
 * @param ids The ids, in order.
 * @param at Where the id at an index stands.
 * @param message What an id names (`criterion`, `judge`), and the rule of the message.
 */
function reportRepeated(
  file: VFile,
  ids: readonly string[],
  at: (index: number) => Place,
  { what, rule }: { what: string; rule: RuleId },
): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) error(file, `Unexpected ${what} \`${id}\` twice, expected each once`, at(index), rule);
    seen.add(id);
  }
}

/**
 * Read the judging settings.
 *
 * @param root The content root.
 * @param cases The book's cases (a conflict or an assignment names one of them).
 * @returns The settings, or `undefined` when a file has errors (reported on it).
 */
export async function readJudgingSettings(
  root: string,
  cases: readonly JudgedCase[],
): Promise<JudgingSettings | { files: VFile[]; criteria?: undefined }> {
  const criteriaFile = await readYaml(root, judgingPaths.criteria);
  const judgesFile = await readYaml(root, judgingPaths.judges);
  const files = [criteriaFile, judgesFile];
  const criteria =
    criteriaFile.messages.length === 0
      ? validateMatter(criteriaFile, criteriaFile.data.matter, criteriaSchema, 'criteria')
      : undefined;
  const judgesMatter =
    judgesFile.messages.length === 0
      ? validateMatter(judgesFile, judgesFile.data.matter, judgesSchema, 'judges')
      : undefined;
  const slugs = new Set(cases.map((item) => item.slug));
  if (criteria) {
    const locate = locator(criteriaFile, criteriaFile.data.frontMatter);
    reportRepeated(
      criteriaFile,
      criteria.criteria.map((criterion) => criterion.id),
      (index) => locate(['criteria', index, 'id'], 'value'),
      { what: 'criterion', rule: 'criteria-duplicate' },
    );
  }
  if (judgesMatter) {
    const locate = locator(judgesFile, judgesFile.data.frontMatter);
    reportRepeated(
      judgesFile,
      judgesMatter.judges.map((judge) => judge.id),
      (index) => locate(['judges', index, 'id'], 'value'),
      { what: 'judge', rule: 'judges-duplicate' },
    );
    for (const [index, judge] of judgesMatter.judges.entries()) {
      for (const [c, slug] of judge.conflicts.entries())
        if (!slugs.has(slug))
          error(
            judgesFile,
            `Unexpected case \`${slug}\`, expected the slug of a file in \`cases/\``,
            locate(['judges', index, 'conflicts', c], 'value'),
            'judges-case-unknown',
          );
    }
  }
  const rounds = { screening: new Map<string, readonly string[]>(), assignments: new Map<string, readonly string[]>() };
  if (existsSync(join(root, judgingPaths.assignments)) && judgesMatter) {
    const file = await readYaml(root, judgingPaths.assignments);
    files.push(file);
    const data =
      file.messages.length === 0 ? validateMatter(file, file.data.matter, assignmentsSchema, 'assignments') : undefined;
    const locate = locator(file, file.data.frontMatter);
    const byCase = new Map(cases.map((item) => [item.slug, item]));
    for (const round of ['screening', 'assignments'] as const)
      for (const [judgeId, list] of Object.entries(data?.[round] ?? {})) {
        const judge = judgesMatter.judges.find((candidate) => candidate.id === judgeId);
        if (!judge) {
          error(
            file,
            `Unexpected judge \`${judgeId}\`, expected an id of \`${judgingPaths.judges}\``,
            locate([round, judgeId], 'key'),
            'judges-unknown',
          );
          continue;
        }
        for (const [index, slug] of list.entries()) {
          const item = byCase.get(slug);
          if (!item)
            error(
              file,
              `Unexpected case \`${slug}\`, expected the slug of a file in \`cases/\``,
              locate([round, judgeId, index], 'value'),
              'judges-case-unknown',
            );
          else if (conflicted(judge, item))
            error(
              file,
              `Unexpected case \`${slug}\` for \`${judgeId}\`, who has a conflict of interest with it`,
              locate([round, judgeId, index], 'value'),
              'judging-conflict',
            );
        }
        rounds[round].set(judgeId, list);
      }
  }
  if (!criteria || !judgesMatter || files.some((file) => file.messages.some((message) => message.fatal)))
    return { files };
  return { criteria, judges: judgesMatter.judges, assignments: rounds.assignments, screening: rounds.screening, files };
}
