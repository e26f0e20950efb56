/**
 * Content root → the chapter and case-study files, each with its front matter read.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { readFrontMatter, parseYaml } from './front-matter.js';
import { readSource } from './read.js';

/** The Markdown sources of a book, sorted by path. */
export interface Sources {
  chapters: VFile[];
  cases: VFile[];
  /** The awards file, or `null` when the book has none. */
  awards: VFile | null;
}

/**
 * Read every chapter and case study of a content root.
 *
 * @param root Content root.
 * @param awardsPath Path of the awards file relative to `root`.
 * @returns The files, with `matter` set where front matter could be read.
 */
export async function loadSources(root: string, awardsPath: string): Promise<Sources> {
  const [chapters, cases] = await Promise.all([readMarkdownFolder(root, 'chapters'), readMarkdownFolder(root, 'cases')]);
  let awards: VFile | null = null;
  if ((await listFolder(join(root, awardsPath, '..'))).includes(awardsPath.split('/').pop() ?? '')) {
    awards = await readSource(root, awardsPath);
    if (awards.messages.length === 0) parseYaml(awards, String(awards.value), 0);
  }
  return { chapters, cases, awards };
}

async function readMarkdownFolder(root: string, folder: string): Promise<VFile[]> {
  const names = (await listFolder(join(root, folder))).filter((name) => name.endsWith('.md')).sort();
  const files = await Promise.all(names.map((name) => readSource(root, `${folder}/${name}`)));
  for (const file of files) if (file.messages.length === 0) readFrontMatter(file);
  return files;
}

async function listFolder(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}
