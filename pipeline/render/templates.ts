/**
 * `templates/` folders → compiled Handlebars layouts, partials and style sheets.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TemplateError } from '../model/errors.js';
import { helpers } from './helpers/index.js';

/** The project's own templates, used where a content root has none. */
export const defaultTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Compiled templates of one build. */
export interface Templates {
  /**
   * Render a layout (`layouts/<name>.hbs`) or partial (`partials/<name>.hbs`).
   *
   * @param name `layouts/page`, `partials/chapter`, ….
   * @param context View model.
   * @returns HTML.
   */
  render(name: string, context: object): string;
  /**
   * The text of a non-template file such as `site.css`.
   *
   * @param name File name below the templates folder.
   * @returns Its text.
   */
  file(name: string): string;
  /** Names of the files below a folder of the templates, such as `scaffold/init/`. */
  list(prefix: string): string[];
}

/** Largest template file read, in bytes. */
export const maxTemplateSize = 2 * 1024 * 1024;

/**
 * Read and compile templates. Later folders override earlier ones file by file, so a content
 * root's `templates/` can replace one partial and keep the rest. Templates compile in strict
 * mode: a missing field throws instead of printing nothing.
 *
 * @param folders Template folders, lowest precedence first; missing ones are skipped.
 * @returns The compiled templates.
 */
export async function loadTemplates(folders: readonly string[]): Promise<Templates> {
  const sources = new Map<string, string>();
  for (const folder of folders) {
    for (const name of await listFiles(folder)) {
      const path = join(folder, name);
      // A template is a page's layout: a larger file is a mistake (or a sparse file meant to exhaust memory).
      const { size } = await stat(path);
      if (size > maxTemplateSize)
        throw new TemplateError(
          `Unexpected template \`${path}\` of ${size} bytes, expected at most ${maxTemplateSize / 1024 / 1024} MB`,
        );
      sources.set(name, await readFile(path, 'utf8'));
    }
  }
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper as Handlebars.HelperDelegate);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, source] of sources) {
    if (!name.endsWith('.hbs')) continue;
    const key = name.slice(0, -'.hbs'.length);
    const template = env.compile(source, { strict: true, preventIndent: true });
    compiled.set(key, template);
    if (key.startsWith('partials/')) env.registerPartial(key.slice('partials/'.length), template);
  }
  return {
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new TemplateError(`Missing template \`${name}.hbs\` in ${folders.join(' or ')}`);
      try {
        return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (cause) {
        throw new TemplateError(
          `Template \`${name}.hbs\` failed: ${cause instanceof Error ? cause.message : String(cause)}`,
          { cause },
        );
      }
    },
    list(prefix) {
      return [...sources.keys()].filter((name) => name.startsWith(prefix)).sort();
    },
    file(name) {
      const text = sources.get(name);
      if (text === undefined) throw new TemplateError(`Missing template file \`${name}\` in ${folders.join(' or ')}`);
      return text;
    },
  };
}

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(folder, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await listFiles(folder, name)));
    else if (entry.isFile()) names.push(name);
  }
  return names;
}
