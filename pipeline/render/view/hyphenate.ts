/**
 * Soft hyphens for the print: Chromium has no hyphenation dictionaries offline, so Latin-script
 * text gets U+00AD at the break points of the `hyphen` package's patterns, and `hyphens: manual`
 * breaks there. The site is left alone: browsers hyphenate (or not) on their own.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { languageFor } from '../../data/languages/index.js';

type Hyphenate = (text: string) => string;

const require = createRequire(import.meta.url);

/**
 * A word as the `hyphen` package reads one: a run of anything but white space, ASCII punctuation
 * other than the apostrophe, digits, and the dashes and punctuation from U+2013 to U+203C.
 */
const word = /[^\s!-&(-@[-`{-~\u2013-\u203C]+/g;
const known = new Map<string, Hyphenate | undefined>();

/**
 * The hyphenator of a language, if the `hyphen` package has its patterns.
 *
 * @param language A BCP 47 tag: `en` and `en-US` take the American patterns, `en-GB` the British.
 * @returns A function that puts soft hyphens into words of six letters or more, or `undefined`.
 */
export function hyphenatorFor(language: string): Hyphenate | undefined {
  const tag = language.toLowerCase();
  if (known.has(tag)) return known.get(tag);
  const names = [tag, languageFor(tag).hyphenation ?? ''];
  const root = dirname(require.resolve('hyphen/package.json'));
  const name = names.find(
    (candidate) => /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(candidate) && existsSync(join(root, candidate, 'index.js')),
  );
  const patterns = name
    ? (require(join(root, name, 'index.js')) as { hyphenateSync: (text: string, options: object) => string })
    : undefined;
  const options = { hyphenChar: '\u00AD', minWordLength: 6 };
  // The package reads text a character at a time through a chain of closures; a book repeats
  // its words, so each is hyphenated once and looked up after (the large corpus: 240 → 35 ms).
  const words = new Map<string, string>();
  const hyphenate = patterns
    ? (text: string) =>
        // Text with `<` is the package's own case (it skips what looks like a tag).
        text.includes('<')
          ? patterns.hyphenateSync(text, options)
          : text.replace(word, (run) => {
              if (run.length < options.minWordLength || run.includes('\u00AD')) return run;
              let hyphenated = words.get(run);
              if (hyphenated === undefined) {
                hyphenated = patterns.hyphenateSync(run, options);
                words.set(run, hyphenated);
              }
              return hyphenated;
            })
    : undefined;
  known.set(tag, hyphenate);
  return hyphenate;
}
