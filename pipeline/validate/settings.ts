/**
 * Raw `whitepaper.yaml` → validated `BookSettings`, defaults applied.
 */
import type { VFile } from 'vfile';
import { catalogueFor } from '../data/catalogues.js';
import { error, warn } from '../message.js';
import type { BookSettings } from '../types.js';
import { locator } from '../load/front-matter.js';
import { validateMatter } from './issues.js';
import { settingsSchema } from './schema.js';

/**
 * Validate the settings file. With `languages`, the main `language` must be listed first, and
 * only listed languages may have `translations`. A language without a message catalogue is a
 * warning: its edition's fixed text is in English.
 *
 * @param file `whitepaper.yaml` as loaded by `loadSettings`.
 * @returns The settings, or `undefined` when they have errors (reported on `file`).
 */
export function validateSettings(file: VFile): BookSettings | undefined {
  if (file.messages.length > 0) return undefined;
  const settings = validateMatter(file, file.data.matter, settingsSchema, 'settings');
  if (!settings) return undefined;
  const locate = locator(file, file.data.frontMatter);
  const languages = editionLanguages(settings);
  if (settings.languages && settings.languages[0] !== settings.language) {
    error(
      file,
      `Unexpected first edition \`${settings.languages[0]}\`, expected the main \`language\` (\`${settings.language}\`) first`,
      locate(['languages', 0], 'value'),
      'settings-languages',
    );
  }
  for (const language of Object.keys(settings.translations)) {
    if (!languages.includes(language)) {
      error(
        file,
        `Unexpected translation \`${language}\`, expected one of the \`languages\` (${languages.map((tag) => `\`${tag}\``).join(', ')})`,
        locate(['translations', language], 'key'),
        'settings-translation-language',
      );
    }
  }
  for (const [index, language] of languages.entries()) {
    if (!catalogueFor(language)) {
      const place = settings.languages ? locate(['languages', index], 'value') : locate(['language'], 'value');
      warn(
        file,
        `Unexpected language \`${language}\` without a message catalogue, expected \`en\` or \`zh\`: its fixed text stays English`,
        place,
        'settings-catalogue-missing',
      );
    }
  }
  return file.messages.some((message) => message.fatal) ? undefined : settings;
}

/**
 * The languages of a book's editions, the main one first.
 *
 * @param settings Validated settings.
 * @returns `languages`, or just `language` for a single-language book.
 */
export function editionLanguages(settings: BookSettings): string[] {
  return settings.languages ?? [settings.language];
}
