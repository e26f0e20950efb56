/**
 * Scaffolds: a content folder to start from, and a new case or chapter ready to fill in.
 */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RefusedError, UsageError } from './model/errors.js';
import { loadSettings } from './load/settings.js';
import { makeFolders, outputError } from './render/output/lock.js';
import { loadTemplates } from './render/templates.js';
import { kebab as slugPattern } from './model/schema.js';
import { validateSettings } from './validate/settings.js';
import { chapterFolder, directories } from './model/directories.js';

/** Where the content folder scaffold lives among the templates. */
const initFolder = 'scaffold/init/';

/**
 * Write a minimal content folder that passes `check`: settings, one chapter, one example case
 * and the awards. Refuses a folder that holds a `whitepaper.yaml` already; never overwrites.
 *
 * @param root The folder; made when missing.
 * @param templateFolders Template folders, lowest precedence first.
 * @returns Paths of the files written.
 */
export async function initContent(root: string, templateFolders: readonly string[]): Promise<string[]> {
  if (existsSync(join(root, directories.settings)))
    throw new RefusedError(`\`${join(root, 'whitepaper.yaml')}\` exists already: this folder holds a book`);
  const templates = await loadTemplates(templateFolders);
  const written: string[] = [];
  for (const name of templates.list(initFolder)) {
    // Kept as `gitignore` among the templates, where a `.gitignore` would be the toolchain's own.
    const path = join(root, name.slice(initFolder.length).replace(/^gitignore$/, '.gitignore'));
    await writeNew(path, templates.file(name));
    written.push(path);
  }
  return written;
}

/**
 * Write `cases/<slug>.md` from `templates/scaffold/case.md.hbs`. Never overwrites.
 *
 * @param root Content root.
 * @param slug Lowercase kebab-case name of the case.
 * @param templateFolders Template folders, lowest precedence first.
 * @returns Path of the new file.
 */
export async function newCase(root: string, slug: string, templateFolders: readonly string[]): Promise<string> {
  checkSlug(slug, 'flood-early-warning');
  const path = join(root, directories.cases, `${slug}.md`);
  if (existsSync(path)) throw new RefusedError(`\`cases/${slug}.md\` exists already: not overwritten`);
  return scaffold(path, 'scaffold/case.md', slug, templateFolders);
}

/**
 * Write `chapters/NN-<slug>.md` (in a book of several languages, `chapters/<language>/`), numbered
 * after the last chapter, from `templates/scaffold/chapter.md.hbs`. Never overwrites.
 *
 * @param root Content root.
 * @param slug Lowercase kebab-case name of the chapter.
 * @param templateFolders Template folders, lowest precedence first.
 * @returns Path of the new file.
 */
export async function newChapter(root: string, slug: string, templateFolders: readonly string[]): Promise<string> {
  checkSlug(slug, 'digital-infrastructure');
  const settings = validateSettings(await loadSettings(root));
  const folder = join(root, chapterFolder(settings?.languages ? settings.language : undefined));
  const names = await readdir(folder).catch(() => []);
  const chapter = /^(\d+)-(.+)\.md$/;
  const taken = names.find((name) => chapter.exec(name)?.[2] === slug);
  if (taken) throw new RefusedError(`\`${join(folder, taken)}\` exists already: not overwritten`);
  const last = Math.max(0, ...names.map((name) => Number(chapter.exec(name)?.[1] ?? 0)));
  return scaffold(
    join(folder, `${String(last + 1).padStart(2, '0')}-${slug}.md`),
    'scaffold/chapter.md',
    slug,
    templateFolders,
  );
}

function checkSlug(slug: string, example: string): void {
  if (slug.length > maxSlugLength)
    throw new UsageError(`Unexpected slug of ${slug.length} characters, expected at most ${maxSlugLength}`);
  if (!slugPattern.test(slug))
    throw new UsageError(`Unexpected slug \`${slug}\`, expected lowercase kebab-case such as \`${example}\``);
}

/** Longest slug a scaffold takes: a file name, and a page's address. */
const maxSlugLength = 80;

/**
 * Write a file that must not exist yet, making its folders one at a time (Node's recursive
 * `mkdir` loops for ever below `/proc`).
 *
 * @throws RefusedError when the file exists; OutputError, one line, when it cannot be written.
 */
async function writeNew(path: string, text: string): Promise<void> {
  try {
    await makeFolders(dirname(path));
    await writeFile(path, text, { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST' && existsSync(path))
      throw new RefusedError(`\`${path}\` exists already: not overwritten`);
    throw outputError(path, cause, 'Cannot write');
  }
}

async function scaffold(
  path: string,
  template: string,
  slug: string,
  templateFolders: readonly string[],
): Promise<string> {
  const templates = await loadTemplates(templateFolders);
  await writeNew(path, templates.render(template, { slug }));
  return path;
}
