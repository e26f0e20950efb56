/**
 * Soft hyphens for the print: Chromium has no hyphenation dictionaries offline, so Latin-script
 * text gets U+00AD at the break points of the `hyphen` package's patterns, and `hyphens: manual`
 * breaks there. The site is left alone: browsers hyphenate (or not) on their own.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Hyphenate = (text: string) => string;

const require = createRequire(import.meta.url);
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
  const [primary = ''] = tag.split('-');
  const names = [tag, primary === 'en' ? 'en-us' : primary];
  const root = dirname(require.resolve('hyphen/package.json'));
  const name = names.find(
    (candidate) => /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(candidate) && existsSync(join(root, candidate, 'index.js')),
  );
  const patterns = name
    ? (require(join(root, name, 'index.js')) as { hyphenateSync: (text: string, options: object) => string })
    : undefined;
  const hyphenate = patterns
    ? (text: string) => patterns.hyphenateSync(text, { hyphenChar: '\u00AD', minWordLength: 6 })
    : undefined;
  known.set(tag, hyphenate);
  return hyphenate;
}
