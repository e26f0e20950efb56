/**
 * What a scaffold wrote and nobody replaced: an unfilled file can never be published.
 */
import type { VFile } from 'vfile';
import type { RuleId } from '../data/rules.js';
import { location } from 'vfile-location';
import { locator } from '../load/front-matter.js';
import { error } from '../model/message.js';

/** The placeholders one scaffold writes. */
export interface Scaffold {
  /** The command that writes it, named in the messages: `whitepaper new case`. */
  command: string;
  /** What the file is, in the messages: `case`, `chapter`. */
  kind: string;
  /** Rule id of the messages: `case-placeholder`. */
  rule: RuleId;
  /** Front matter values, by path. */
  values: readonly { path: readonly string[]; value: string; private?: boolean }[];
  /** Sentences of the body. */
  sentences: readonly string[];
}

/**
 * Report each placeholder a scaffold wrote that is still in the file, as an error where it stands.
 *
 * @param file The file, with its front matter read.
 * @param matter Its front matter, valid.
 * @param scaffold What the scaffold writes.
 * @returns Whether any was left.
 */
export function placeholdersLeft(file: VFile, matter: Record<string, unknown>, scaffold: Scaffold): boolean {
  const locate = locator(file, file.data.frontMatter);
  let left = false;
  for (const { path, value, private: hidden } of scaffold.values) {
    const actual = path.reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
      matter,
    );
    if (actual !== value) continue;
    left = true;
    // A private value's placeholder is named, not quoted.
    const shown = hidden ? 'placeholder' : `placeholder \`${value}\``;
    error(
      file,
      `Unexpected ${shown} for \`${path.join('.')}\`, expected the ${scaffold.kind}'s own value (\`${scaffold.command}\` wrote it)`,
      locate(path, 'value'),
      scaffold.rule,
    );
  }
  const text = String(file.value);
  const points = location(file);
  for (const sentence of scaffold.sentences) {
    const at = text.indexOf(sentence);
    if (at === -1) continue;
    left = true;
    error(
      file,
      `Unexpected placeholder text \`${sentence}\`, expected the ${scaffold.kind}'s own text (\`${scaffold.command}\` wrote it)`,
      points.toPoint(at),
      scaffold.rule,
    );
  }
  return left;
}

/** What `whitepaper new case` writes (templates/scaffold/case.md.hbs). */
export const caseScaffold: Scaffold = {
  command: 'whitepaper new case',
  kind: 'case',
  rule: 'case-placeholder',
  values: [
    { path: ['title'], value: 'Title of the case study' },
    { path: ['organization'], value: 'Name of the organisation' },
    { path: ['summary'], value: 'One or two sentences on the problem, the solution and the measured result.' },
    { path: ['contact', 'name'], value: 'Contact person', private: true },
    { path: ['contact', 'email'], value: 'contact@example.org', private: true },
  ],
  sentences: [
    'The problem, who has it, and why it matters for the Goals.',
    'What was built or changed, and how it works.',
    'What changed, with numbers and their source.',
  ],
};

/** What `whitepaper new chapter` writes (templates/scaffold/chapter.md.hbs). */
export const chapterScaffold: Scaffold = {
  command: 'whitepaper new chapter',
  kind: 'chapter',
  rule: 'chapter-placeholder',
  values: [
    { path: ['title'], value: 'Title of the chapter' },
    { path: ['summary'], value: 'One sentence on what the chapter covers.' },
  ],
  sentences: ['The first section of the chapter.', 'Write the chapter here.'],
};
