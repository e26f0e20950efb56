/**
 * A chapter file → its validated front matter, slug and order key.
 */
import type { VFile } from 'vfile';
import type { Scope } from '../data/rules.js';
import { error } from '../model/message.js';
import { validateMatter } from './issues.js';
import { chapterScaffold, placeholdersLeft } from './placeholders.js';
import { chapterSchema, type ChapterMatter } from '../model/schema.js';

/** What validation learns about a chapter before its body is transformed. */
export interface ChapterHead {
  meta: ChapterMatter;
  slug: string;
  /** The numeric `NN` prefix. */
  order: number;
}

const fileName = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/**
 * Validate a chapter's file name and front matter.
 *
 * @param file Chapter as loaded by `loadSources`.
 * @returns The chapter head, or `undefined` when the chapter cannot be published.
 */
export function validateChapter(file: VFile): ChapterHead | undefined {
  const meta = validateFrontMatter(file, chapterSchema, 'chapter');
  const match = fileName.exec(file.basename ?? '');
  if (!match) {
    error(
      file,
      `Unexpected file name \`${file.basename}\`, expected \`NN-slug.md\` (a number, then kebab-case)`,
      { line: 1, column: 1 },
      'chapter-file-name',
    );
  }
  if (!match || !meta) return undefined;
  if (placeholdersLeft(file, meta, chapterScaffold)) return undefined;
  return { meta, slug: match[2] ?? '', order: Number(match[1]) };
}

/**
 * Validate the front matter of a Markdown file that must have one.
 *
 * @param file Markdown file as loaded by `loadSources`.
 * @param schema Schema of its front matter.
 * @param scope Rule id prefix.
 * @param privateKeys Keys whose values messages never quote.
 * @returns The front matter, or `undefined` when it is missing or wrong (reported on `file`).
 */
export function validateFrontMatter<Schema extends Parameters<typeof validateMatter>[2]>(
  file: VFile,
  schema: Schema,
  scope: Scope,
  privateKeys: readonly string[] = [],
): ReturnType<typeof validateMatter<Schema>> {
  if (file.messages.some((message) => message.fatal)) return undefined;
  if (file.data.matter === undefined) {
    error(
      file,
      'Missing front matter, expected YAML between `---` lines at the start of the file',
      { line: 1, column: 1 },
      `${scope}-frontmatter`,
    );
    return undefined;
  }
  return validateMatter(file, file.data.matter, schema, scope, privateKeys);
}
