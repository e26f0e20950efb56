/**
 * Helpers to report problems in content as vfile messages (never exceptions).
 */
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import type { RuleId } from '../data/rules.js';

export type { RuleId };

/** Where a message points: a point or a range. */
export type Place = Point | Position | undefined;

/** The `source` of every message this tool reports. */
export const source = 'whitepaper';

/**
 * Report an error: the output would be wrong. Does not throw, so one run lists every problem.
 *
 * @param file File the problem is in.
 * @param reason Sentence such as "Unexpected X, expected Y".
 * @param place Where in the file.
 * @param ruleId The rule's id in the registry (`data/rules.ts`).
 */
export function error(file: VFile, reason: string, place: Place, ruleId: RuleId): void {
  const message = file.message(reason, { place, ruleId, source });
  message.fatal = true;
}

/**
 * Report a warning: the output is usable but probably not what the author meant.
 *
 * @param file File the problem is in.
 * @param reason Sentence such as "Unexpected X, expected Y".
 * @param place Where in the file.
 * @param ruleId The rule's id in the registry (`data/rules.ts`).
 */
export function warn(file: VFile, reason: string, place: Place, ruleId: RuleId): void {
  file.message(reason, { place, ruleId, source });
}

/**
 * Whether a file has an error.
 *
 * @param file File to look at.
 * @returns `true` when any message is fatal.
 */
export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}
