/**
 * Markdown text → YAML front matter on `file.data` (`matter`, `frontMatter`), never evaluated.
 */
import { parseDocument } from 'yaml';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { error } from '../message.js';

/** Largest front matter accepted, in characters. */
export const maxFrontMatterLength = 64 * 1024;

/** Most aliases a YAML document may expand (guards against alias bombs). */
export const maxAliasCount = 100;

const opening = /^---([^\S\r\n]*)([^\r\n]*)\r?\n/;
const closing = /^---[^\S\n]*$/m;

/**
 * Read the front matter of a Markdown file. A file without front matter gets `matter`
 * `undefined`; front matter in another language than YAML is an error and is not read.
 *
 * @param file Markdown file; its value must be a string.
 */
export function readFrontMatter(file: VFile): void {
  const text = String(file.value);
  const head = opening.exec(text);
  if (!head) return;
  const language = (head[2] ?? '').trim();
  if (language !== '' && language.toLowerCase() !== 'yaml') {
    error(file, `Unexpected front matter language \`${language}\`, expected YAML`, { line: 1, column: 4 }, 'frontmatter-language');
    return;
  }
  const offset = head[0].length;
  const rest = text.slice(offset);
  const end = closing.exec(rest);
  if (!end) {
    error(file, 'Unexpected end of file, expected `---` closing the front matter', { line: 1, column: 1 }, 'frontmatter-yaml');
    return;
  }
  const yamlText = rest.slice(0, end.index);
  parseYaml(file, yamlText, offset);
}

/**
 * Parse YAML text that stands at `offset` in `file` and store it on `file.data`.
 *
 * @param file File the YAML belongs to (for messages).
 * @param yamlText The YAML source.
 * @param offset Offset of `yamlText` in the file.
 */
export function parseYaml(file: VFile, yamlText: string, offset: number): void {
  const place = location(file);
  const at = (index: number) => place.toPoint(offset + index) ?? { line: 1, column: 1 };
  if (yamlText.length > maxFrontMatterLength) {
    error(file, `Unexpected YAML of ${yamlText.length} characters, expected at most ${maxFrontMatterLength}`, at(0), 'frontmatter-size');
    return;
  }
  const document = parseDocument(yamlText, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  const problems = [...document.errors, ...document.warnings];
  for (const problem of problems) {
    const reason = problem.message.split('\n')[0] ?? problem.message;
    error(file, `Unexpected YAML: ${reason}`, { start: at(problem.pos[0]), end: at(problem.pos[1]) }, 'frontmatter-yaml');
  }
  if (problems.length > 0) return;
  let matter: unknown;
  try {
    matter = document.toJS({ maxAliasCount });
  } catch (cause) {
    // The yaml package signals its alias limit with a plain ReferenceError.
    const reason = cause instanceof Error ? cause.message : String(cause);
    error(file, `Unexpected YAML: ${reason}, expected at most ${maxAliasCount} alias expansions`, at(0), 'frontmatter-yaml');
    return;
  }
  file.data.matter = matter ?? {};
  file.data.frontMatter = { document, offset };
}

/**
 * Whether two versions of a Markdown file have different front matter, private keys aside.
 *
 * @param before The file's earlier text (`null`: it did not exist).
 * @param after The current front matter, as read by `readFrontMatter`.
 * @param privateKeys Keys whose changes do not count (they are never shown).
 * @returns `true` when a published value changed.
 */
export function matterDiffers(before: string | null, after: unknown, privateKeys: readonly string[] = []): boolean {
  if (before === null) return true;
  const earlier = new VFile({ value: before });
  readFrontMatter(earlier);
  const published = (matter: unknown) =>
    JSON.stringify(matter && typeof matter === 'object' ? Object.entries(matter).filter(([key]) => !privateKeys.includes(key)) : matter ?? null);
  return published(earlier.data.matter) !== published(after);
}
