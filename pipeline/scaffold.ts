/**
 * A slug → a new case-study file with every field, ready to fill in.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RefusedError, UsageError } from './errors.js';
import { loadTemplates } from './render/templates.js';
import { kebab as slugPattern } from './validate/schema.js';

/**
 * Write `cases/<slug>.md` from `templates/scaffold/case.md.hbs`. Never overwrites.
 *
 * @param root Content root.
 * @param slug Lowercase kebab-case name of the case.
 * @param templateFolders Template folders, lowest precedence first.
 * @returns Path of the new file.
 */
export async function newCase(root: string, slug: string, templateFolders: readonly string[]): Promise<string> {
  if (!slugPattern.test(slug))
    throw new UsageError(`Unexpected slug \`${slug}\`, expected lowercase kebab-case such as \`flood-early-warning\``);
  const path = join(root, 'cases', `${slug}.md`);
  if (existsSync(path)) throw new RefusedError(`\`cases/${slug}.md\` exists already: not overwritten`);
  const templates = await loadTemplates(templateFolders);
  await mkdir(join(root, 'cases'), { recursive: true });
  await writeFile(path, templates.render('scaffold/case.md', { slug }), { flag: 'wx' });
  return path;
}
