/**
 * A book in several languages → what each edition is made of: its settings, and its chapters,
 * where a chapter without a translation falls back to the main language's.
 */
import type { VFile } from 'vfile';
import { autospaced, languageName, spacedIn } from '../data/languages/index.js';
import { warn } from '../model/message.js';
import type { BookSettings } from '../model/types.js';
import type { ChapterHead } from '../validate/chapter.js';
import type { ValidFile } from './book.js';

/**
 * The settings an edition is built with: `language` is the edition's, and its `translations`
 * replace the title, subtitle, edition, publisher, author, keywords, citation style and
 * citation locale.
 *
 * @param settings Validated settings.
 * @param language The edition's language.
 * @returns Settings for that edition.
 */
export function editionSettings(settings: BookSettings, language: string): BookSettings {
  const translated = settings.translations[language] ?? {};
  const edition: BookSettings = { ...settings, language };
  for (const key of ['title', 'subtitle', 'edition', 'publisher', 'citationStyle'] as const)
    edition[key] = translated[key] ?? settings[key];
  if (translated.author) edition.author = translated.author;
  if (translated.citationLocale) edition.citationLocale = translated.citationLocale;
  if (translated.keywords) edition.keywords = translated.keywords;
  // A translated imprint replaces the fields it gives (a translated suggested citation, say).
  if (translated.imprint) edition.imprint = { ...settings.imprint, ...translated.imprint };
  if (translated.backCover) edition.backCover = { ...settings.backCover, ...translated.backCover };
  // Chinese and Japanese: the gap beside Latin letters and digits is the browser's, not typed.
  if (!autospaced(language)) return edition;
  const tight = (text: string) => spacedIn(text, language);
  for (const key of ['title', 'subtitle', 'edition', 'publisher', 'author'] as const)
    if (edition[key] !== undefined) edition[key] = tight(edition[key]);
  if (edition.imprint)
    edition.imprint = Object.fromEntries(
      Object.entries(edition.imprint).map(([key, value]) => [key, typeof value === 'string' ? tight(value) : value]),
    );
  if (edition.backCover?.text) edition.backCover = { ...edition.backCover, text: tight(edition.backCover.text) };
  return edition;
}

/**
 * The chapters of one edition: for each chapter of the main language, the edition's file of
 * the same name, or the main chapter itself, with a warning, when there is no translation. A
 * translation of a chapter the main language does not have is a warning and is left out.
 *
 * @param files Chapters of every language; `data.language` tells which.
 * @param main The main language.
 * @param language The edition's language.
 * @returns The edition's chapters, in no particular order.
 */
export function editionChapters(
  files: readonly ValidFile<ChapterHead>[],
  main: string,
  language: string,
): ValidFile<ChapterHead>[] {
  const inLanguage = (tag: string) => files.filter((chapter) => (chapter.file.data.language ?? main) === tag);
  const mains = inLanguage(main);
  if (language === main) return mains;
  const translations = new Map(inLanguage(language).map((chapter) => [chapter.file.basename, chapter]));
  const mainNames = new Set(mains.map((chapter) => chapter.file.basename));
  for (const [name, translation] of translations) {
    if (!mainNames.has(name)) {
      warn(
        translation.file,
        `Unexpected translation of \`chapters/${main}/${name}\`, which does not exist: expected the file name of a \`${main}\` chapter; left out`,
        { line: 1, column: 1 },
        'translation-orphan',
      );
    }
  }
  return mains.map((original) => {
    const translation = translations.get(original.file.basename);
    if (translation) {
      warnStructure(original, translation, language, main);
      return translation;
    }
    warn(
      original.file,
      missingTranslation(original.file, language, main),
      { line: 1, column: 1 },
      'translation-missing',
    );
    return original;
  });
}

/**
 * Warn at a translation that leaves out what gives its original's edition its shape: the part it
 * opens, its key messages (listed before the chapters, numbered through the book).
 */
function warnStructure(
  original: ValidFile<ChapterHead>,
  translation: ValidFile<ChapterHead>,
  language: string,
  main: string,
): void {
  const name = languageName(language, 'en');
  for (const key of ['part', 'keyMessages'] as const) {
    if (original.head.meta[key] === undefined || translation.head.meta[key] !== undefined) continue;
    warn(
      translation.file,
      `Missing \`${key}\` in this translation of \`chapters/${main}/${original.file.basename}\`, which ${key === 'part' ? 'opens a part' : 'has them'}: the ${name} edition ${key === 'part' ? 'opens no part here' : 'lists no key messages for this chapter'}`,
      { line: 1, column: 1 },
      'translation-structure',
    );
  }
}

function missingTranslation(file: VFile, language: string, main: string): string {
  const name = languageName(language, 'en');
  return `Missing ${name} translation \`chapters/${language}/${file.basename}\`, expected one for each chapter: the ${name} edition shows this chapter in ${languageName(main, 'en')}`;
}
