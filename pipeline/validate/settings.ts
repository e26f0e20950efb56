/**
 * Raw `whitepaper.yaml` → validated `BookSettings`, defaults applied.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { VFile } from 'vfile';
import { languages as registry, missingLabels, type OwnLabels } from '../data/languages/index.js';
import { error, warn } from '../model/message.js';
import type { BookSettings } from '../model/types.js';
import { locator } from '../load/front-matter.js';
import { escapesRoot, leaves } from '../load/read.js';
import { validateMatter } from './issues.js';
import { settingsSchema } from '../model/schema.js';

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
    const own = settings.translations[language]?.labels;
    const missing = missingLabels(language, own);
    if (missing.length > 0) {
      const place = own
        ? locate(['translations', language, 'labels'], 'key')
        : settings.languages
          ? locate(['languages', index], 'value')
          : locate(['language'], 'value');
      const named = missing
        .slice(0, 3)
        .map((key) => `\`${key}\``)
        .join(', ');
      warn(
        file,
        own
          ? `Missing fixed text for \`${language}\`: ${named}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}, expected every text in \`translations.${language}.labels\`: these stay English`
          : `Unexpected language \`${language}\` without fixed text, expected one the pipeline has (${knownWithLabels()}) or \`translations.${language}.labels\`: its fixed text stays English`,
        place,
        'settings-catalogue-missing',
      );
    }
  }
  if (settings.crossref) {
    const doi = settings.imprint?.doi;
    const problem = !doi
      ? 'Missing `imprint.doi`, expected the book’s DOI (`10.5555/example`) for the Crossref deposit: its chapters’ DOIs are below it'
      : !doiPattern.test(doi)
        ? `Unexpected DOI \`${doi}\` for the Crossref deposit, expected one such as \`10.5555/example\`, without \`https://doi.org/\``
        : !settings.baseUrl
          ? 'Missing `baseUrl`, expected where the site is published for the Crossref deposit: each DOI resolves to its page'
          : undefined;
    if (problem) error(file, problem, locate(['crossref'], 'key'), 'settings-crossref');
  }
  for (const key of ['logo', 'coverImage'] as const) {
    const path = settings[key];
    const problem = path === undefined ? undefined : imageProblem(file.cwd, path);
    if (problem) error(file, `${problem}`.replace('{key}', key), locate([key], 'value'), 'settings-image');
  }
  return file.messages.some((message) => message.fatal) ? undefined : settings;
}

/** A DOI as Crossref registers it: `10.`, the registrant's prefix, `/`, a suffix. */
const doiPattern = /^10\.\d{4,9}\/\S+$/;

/** The registry's languages with fixed text of their own, as a message names them. */
function knownWithLabels(): string {
  return registry
    .filter((language) => language.labels)
    .map((language) => `\`${language.tag}\``)
    .join(', ');
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

/** What the cover and the site can show of an image named in the settings. */
const imageTypes = new Set(['.png', '.jpg', '.jpeg', '.webp', '.svg']);

/**
 * Why an image the settings name cannot be shown, if it cannot: outside the content folder (the
 * same message whether or not it exists there), missing, not a file, or not an image type.
 *
 * @param root Content root.
 * @param path As written, relative to the root.
 * @returns A message (`{key}` stands for the setting's name), or `undefined`.
 */
function imageProblem(root: string, path: string): string | undefined {
  const absolute = join(root, path);
  const outside = `Unexpected \`{key}\` \`${path}\` outside the content folder, expected an image inside it`;
  if (escapesRoot(root, absolute)) return outside;
  if (!existsSync(absolute) || !statSync(absolute).isFile())
    return `Missing \`{key}\` image, expected a file at \`${path}\``;
  if (leaves(relative(root, realpathSync(absolute)))) return outside;
  if (!imageTypes.has(extname(absolute).toLowerCase()))
    return `Unexpected \`{key}\` \`${path}\`, expected a PNG, JPEG, WebP or SVG image`;
  return undefined;
}

/**
 * The book's own fixed text, by language (`translations.<tag>.labels`): case sections, note and
 * chart labels.
 *
 * @param settings The book's settings.
 */
export function ownLabels(settings: BookSettings): Record<string, OwnLabels> {
  return Object.fromEntries(
    Object.entries(settings.translations).flatMap(([tag, translation]) =>
      translation.labels ? [[tag, translation.labels]] : [],
    ),
  );
}
