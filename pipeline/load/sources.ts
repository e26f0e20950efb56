/**
 * Content root → the chapter and case-study files, each with its front matter read.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { readFrontMatter, parseYaml } from './front-matter.js';
import { error, warn } from '../model/message.js';
import { readSource } from './read.js';
import { locator } from '../load/front-matter.js';
import { chapterFolder, directories } from '../model/directories.js';

/** The Markdown sources of a book, sorted by path. */
export interface Sources {
  chapters: VFile[];
  cases: VFile[];
  /** The awards file, or `null` when the book has none. */
  awards: VFile | null;
}

/** Options of `loadSources`. */
export interface SourceOptions {
  /** Path of the awards file relative to the root. */
  awards: string;
  /** Largest file accepted, in bytes. */
  maxFileSize: number;
  /** Most Markdown files accepted; more are not read at all. */
  maxFiles: number;
  /** Where a problem with the collection as a whole is reported. */
  settingsFile: VFile;
  /** The book's main language: the language of every chapter of the flat `chapters/`. */
  language: string;
  /**
   * Edition languages of a book in several languages: chapters are then read from
   * `chapters/<language>/`. `undefined`: the flat `chapters/`. Either way every chapter's
   * `data.language` is set here, once.
   */
  languages?: readonly string[] | undefined;
  /** Front matter read before, by path: reused while a file's text is the same (the preview). */
  frontMatters?: Map<string, FrontMatterMemo>;
}

/** The front matter read from one text, kept for the next read of the same text. */
export interface FrontMatterMemo {
  text: string;
  data: Pick<VFile['data'], 'matter' | 'frontMatter'>;
}

/**
 * Read every chapter and case study of a content root.
 *
 * @param root Content root.
 * @param options Awards path and limits.
 * @returns The files, with `matter` set where front matter could be read.
 */
export async function loadSources(root: string, options: SourceOptions): Promise<Sources> {
  const folders = options.languages ? options.languages.map((language) => chapterFolder(language)) : [chapterFolder()];
  const [caseNames, ...chapterNames] = await Promise.all([
    markdownNames(root, directories.cases),
    ...folders.map((folder) => markdownNames(root, folder)),
  ]);
  const total = caseNames.length + chapterNames.reduce((sum, names) => sum + names.length, 0);
  if (total > options.maxFiles) {
    error(
      options.settingsFile,
      `Unexpected ${total} Markdown files, expected at most ${options.maxFiles} (\`limits.files\`)`,
      { line: 1, column: 1 },
      'limits-files',
    );
    return { chapters: [], cases: [], awards: null };
  }
  const read = (folder: string, names: string[]) =>
    Promise.all(
      names.map((name) => readMarkdown(root, `${folder}/${name}`, options.maxFileSize, options.frontMatters)),
    );
  const [cases, ...chapterLists] = await Promise.all([
    read(directories.cases, caseNames),
    ...folders.map((folder, index) => read(folder, chapterNames[index] ?? [])),
  ]);
  const chapters = chapterLists.flat();
  if (options.frontMatters) {
    const present = new Set([...cases, ...chapters].map((file) => file.path));
    for (const path of options.frontMatters.keys()) if (!present.has(path)) options.frontMatters.delete(path);
  }
  const languages = options.languages ?? [options.language];
  for (const [index, list] of chapterLists.entries())
    for (const file of list) file.data.language = languages[index] ?? options.language;
  if (options.languages) {
    for (const name of await markdownNames(root, directories.chapters)) {
      const place = locator(options.settingsFile, options.settingsFile.data.frontMatter)(['languages'], 'key');
      error(
        options.settingsFile,
        `Unexpected chapter \`chapters/${name}\` outside a language folder, expected \`chapters/<language>/${name}\` in a book with \`languages\``,
        place,
        'chapter-language-folder',
      );
    }
  }
  // A folder of Markdown files no edition reads publishes nothing: say so, where the languages are.
  const readFolders = new Set(folders.map((folder) => folder.slice(directories.chapters.length + 1)));
  for (const name of (await listFolder(join(root, directories.chapters))).sort()) {
    if (readFolders.has(name) || name.endsWith('.md') || (await markdownNames(root, chapterFolder(name))).length === 0)
      continue;
    const key = options.languages ? 'languages' : 'language';
    warn(
      options.settingsFile,
      `Unexpected Markdown files in \`chapters/${name}/\`, which no edition reads: expected ${options.languages ? `a folder for one of the book's languages (${languages.map((language) => `\`${language}\``).join(', ')})` : `chapters directly in \`chapters/\`, or \`languages: [${options.language}, ${name}]\` for an edition in \`${name}\``}`,
      locator(options.settingsFile, options.settingsFile.data.frontMatter)([key], 'key'),
      'chapter-folder-unread',
    );
  }
  let awards: VFile | null = null;
  if (existsSync(join(root, options.awards))) {
    awards = await readSource(root, options.awards, options.maxFileSize);
    if (awards.messages.length === 0) parseYaml(awards, String(awards.value), 0);
  }
  return { chapters, cases, awards };
}

async function markdownNames(root: string, folder: string): Promise<string[]> {
  return (await listFolder(join(root, folder))).filter((name) => name.endsWith('.md')).sort();
}

async function readMarkdown(
  root: string,
  path: string,
  maxSize: number,
  memo: Map<string, FrontMatterMemo> | undefined,
): Promise<VFile> {
  const file = await readSource(root, path, maxSize);
  if (file.messages.length > 0) return file;
  const text = String(file.value);
  const known = memo?.get(path);
  if (known?.text === text) {
    Object.assign(file.data, known.data);
    return file;
  }
  readFrontMatter(file);
  if (memo && file.messages.length === 0) {
    const { matter, frontMatter } = file.data;
    memo.set(path, { text, data: frontMatter ? { matter, frontMatter } : { matter } });
  }
  return file;
}

async function listFolder(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}
