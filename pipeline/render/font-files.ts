/**
 * The book's typefaces, from npm: the same files for the site and the print, so that no machine's
 * fonts change the output. Each edition gets the subsets its text needs, nothing more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { languageFor, type Script as LanguageScript } from '../data/languages/index.js';
import { hangul, scriptLanguage } from '../data/scripts.js';
import { typefaces } from '../data/typefaces.js';
import type { Asset } from '../model/types.js';

export { typefaces };

/** Text written in Japanese, Korean or Traditional Chinese: only its own families cover it. */
export type Script = Extract<LanguageScript, 'ja' | 'ko' | 'hant'>;

/**
 * Each family's package and the faces the templates use (`<weight>` or `<weight>-italic`). A
 * family with a `script` is chosen by that script's text only (its subsets would otherwise match
 * every Chinese character of a Chinese edition).
 */
const packages: readonly { family: string; name: string; faces: readonly string[]; script?: Script }[] = [
  {
    family: typefaces.serif,
    name: '@fontsource/source-serif-4',
    faces: ['400', '400-italic', '600', '700', '700-italic'],
  },
  { family: typefaces.sans, name: '@fontsource/source-sans-3', faces: ['400', '400-italic', '600', '700'] },
  { family: typefaces.cjkSerif, name: '@fontsource/noto-serif-sc', faces: ['400', '700'] },
  { family: typefaces.cjkSans, name: '@fontsource/noto-sans-sc', faces: ['400', '700'] },
  { family: typefaces.mono, name: '@fontsource/source-code-pro', faces: ['400'] },
  { family: typefaces.japaneseSerif, name: '@fontsource/noto-serif-jp', faces: ['400', '700'], script: 'ja' },
  { family: typefaces.japaneseSans, name: '@fontsource/noto-sans-jp', faces: ['400', '700'], script: 'ja' },
  { family: typefaces.koreanSerif, name: '@fontsource/noto-serif-kr', faces: ['400', '700'], script: 'ko' },
  { family: typefaces.koreanSans, name: '@fontsource/noto-sans-kr', faces: ['400', '700'], script: 'ko' },
  { family: typefaces.traditionalSerif, name: '@fontsource/noto-serif-tc', faces: ['400', '700'], script: 'hant' },
  { family: typefaces.traditionalSans, name: '@fontsource/noto-sans-tc', faces: ['400', '700'], script: 'hant' },
];

/** One `@font-face` of a package: a subset of one face, and the code points it holds. */
interface Face {
  family: string;
  script?: Script;
  weight: string;
  style: string;
  /** The woff2 file. */
  file: string;
  ranges: (readonly [number, number])[];
}

let faces: Face[] | undefined;

/**
 * Read every family's faces now rather than when an edition's fonts are first chosen: a build
 * calls it as the transform ends, so that the reading (70 ms for the large corpus's families)
 * falls in the wait for the citation worker.
 */
export function readFaces(): void {
  allFaces();
}

/** Every face of every family, read once from the packages' CSS. */
function allFaces(): Face[] {
  if (faces) return faces;
  const require = createRequire(import.meta.url);
  faces = packages.flatMap(({ family, name, faces: wanted, script }) => {
    const folder = dirname(require.resolve(`${name}/package.json`));
    return wanted.flatMap((face) =>
      parseFaces(readFileSync(join(folder, `${face}.css`), 'utf8'), family, folder).map((parsed) =>
        script ? { ...parsed, script } : parsed,
      ),
    );
  });
  return faces;
}

/**
 * The `@font-face` rules of a fontsource CSS file.
 *
 * @param css The file's text.
 * @param family The family it declares.
 * @param folder The package's folder, which its `url(./files/…)` are relative to.
 * @returns One face per rule, with its woff2 file.
 */
export function parseFaces(css: string, family: string, folder: string): Face[] {
  return css.split('@font-face').flatMap((rule) => {
    const file = /url\(\.\/(files\/[\w.-]+\.woff2)\)/.exec(rule)?.[1];
    const weight = /font-weight:\s*(\d+)/.exec(rule)?.[1];
    const style = /font-style:\s*(\w+)/.exec(rule)?.[1];
    const range = /unicode-range:([^;]+);/.exec(rule)?.[1]?.trim();
    if (!file || !weight || !style) return [];
    return [{ family, weight, style, file: join(folder, file), ranges: range ? parseRanges(range) : [[0, 0x10ffff]] }];
  });
}

/** Index of the first of sorted numbers that is at least `value` (the length when none is). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `U+0000-00FF,U+0131` → code point ranges. */
function parseRanges(text: string): (readonly [number, number])[] {
  return text.split(',').flatMap((part) => {
    const [from = '', to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from, 16);
    return Number.isNaN(start) ? [] : [[start, to ? Number.parseInt(to, 16) : start] as const];
  });
}

/**
 * The fonts an edition needs: a style sheet of `@font-face` rules and the files it loads, only
 * the subsets that hold a character of the edition's text (the ASCII subset always); the
 * Japanese, Korean and Traditional Chinese families only for text in those languages.
 *
 * @param text Every text the edition shows (any superset will do: markup is ASCII).
 * @param folder Where the files go below the site root, such as `assets/fonts/`.
 * @param scripts The part of `text` in each of those languages (from `scriptTexts`).
 * @returns `fonts.css` (its URLs relative to itself) and the files to copy.
 */
export function editionFonts(
  text: string,
  folder = 'assets/fonts/',
  scripts: Partial<Record<Script, string>> = {},
): { css: string; assets: Asset[] } {
  const pointsOf = (value: string, ascii: boolean) => {
    const used = new Set<number>();
    if (ascii) for (let code = 0x20; code < 0x7f; code++) used.add(code);
    for (const [character] of value.matchAll(/[^ -~]/gu)) used.add(character.codePointAt(0) ?? 0);
    return [...used].sort((a, b) => a - b);
  };
  const all = pointsOf(text, true);
  const byScript = new Map(Object.entries(scripts).map(([script, value]) => [script, pointsOf(value, false)]));
  const holds = (face: Face) => {
    const points = face.script ? (byScript.get(face.script) ?? []) : all;
    return face.ranges.some(([from, to]) => (points[firstAtLeast(points, from)] ?? Infinity) <= to);
  };
  const chosen = allFaces().filter(holds);
  const name = (face: Face) => face.file.slice(face.file.lastIndexOf('/') + 1);
  const css = chosen
    .map(
      (face) =>
        `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: block; src: url(fonts/${name(face)}) format('woff2'); unicode-range: ${face.ranges.map(([from, to]) => (from === to ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${to.toString(16)}`)).join(',')}; }`,
    )
    .join('\n');
  return { css: `${css}\n`, assets: chosen.map((face) => ({ source: face.file, target: `${folder}${name(face)}` })) };
}

/**
 * The text of an edition in Japanese, Korean and Traditional Chinese: strings under something
 * in that language (a case's `language`, an element's `lang`) or, elsewhere, a string whose
 * script says so (kana, hangul; Han text from Japan, Korea, Taiwan, Hong Kong or Macao).
 *
 * @param value The edition, or any part of it.
 * @returns The text per script.
 */
export function scriptTexts(value: unknown): Partial<Record<Script, string>> {
  const found: Record<Script, string[]> = { ja: [], ko: [], hant: [] };
  const scriptOf = (tag: unknown): Script | null | undefined => {
    if (typeof tag !== 'string' || tag === '') return undefined;
    const { script } = languageFor(tag);
    return script === 'ja' || script === 'ko' || script === 'hant' ? script : null;
  };
  const seen = new Set<object>();
  const walk = (item: unknown, script: Script | null, country: string): void => {
    if (typeof item === 'string') {
      if (script) found[script].push(item);
      else {
        // Untagged text may mix scripts (a Chinese sentence, then a Korean one): each that shows.
        const own = scriptOf(scriptLanguage(item, country));
        if (own) found[own].push(item);
        if (own !== 'ko' && hangul.test(item)) found.ko.push(item);
      }
      return;
    }
    if (!item || typeof item !== 'object' || seen.has(item)) return;
    seen.add(item);
    // The tags themselves are not text; positions hold none.
    const values =
      item instanceof Map
        ? [...item.values()]
        : item instanceof Set
          ? [...item]
          : Object.entries(item)
              .filter(([key]) => key !== 'language' && key !== 'lang' && key !== 'position')
              .map(([, child]) => child as unknown);
    const record = item as Record<string, unknown>;
    const properties = record['properties'] as Record<string, unknown> | undefined;
    const tagged = scriptOf(record['language']) ?? scriptOf(record['lang']) ?? scriptOf(properties?.['lang']);
    const next = tagged === undefined ? script : tagged;
    const place = typeof record['country'] === 'string' ? record['country'] : country;
    for (const child of values) walk(child, next, place);
  };
  walk(value, null, '');
  return Object.fromEntries(
    Object.entries(found)
      .filter(([, texts]) => texts.length > 0)
      .map(([script, texts]) => [script, texts.join('\n')]),
  );
}

/**
 * Every text an edition shows, and more (keys, markup): what its fonts must cover.
 *
 * @param value The edition, or any part of it.
 * @returns Its JSON, maps included, without positions.
 */
export function textOf(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) =>
    key === 'position' ? undefined : item instanceof Map ? [...item] : item instanceof Set ? [...item] : item,
  );
}

/**
 * KaTeX's style sheet and fonts, for an edition with formulas: the rules to append to
 * `fonts.css` (their URLs made relative to it) and the woff2 files to copy.
 *
 * @param folder Where the files go below the site root, such as `assets/katex/`.
 * @returns The CSS and the files.
 */
export function mathFonts(folder = 'assets/katex/'): { css: string; assets: Asset[] } {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('katex/dist/katex.min.css'));
  const relative = folder.replace(/^assets\//, '');
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8').replaceAll('url(fonts/', `url(${relative}fonts/`);
  const assets = readdirSync(join(dist, 'fonts'))
    .filter((name) => name.endsWith('.woff2'))
    .map((name) => ({ source: join(dist, 'fonts', name), target: `${folder}fonts/${name}` }));
  return { css: `${css}\n`, assets };
}

let svgStyle: string | undefined;

/**
 * Set an SVG drawing's text in the book's sans: an image cannot use the page's fonts, so the
 * Latin subsets of Source Sans 3 (regular and bold) go into the drawing itself, as data.
 *
 * @param svg A sanitised drawing.
 * @returns The drawing, with a style sheet after its opening tag when it has text.
 */
export function withBookFonts(svg: string): string {
  if (!svg.includes('<text')) return svg;
  if (svgStyle === undefined) {
    const faces = allFaces().filter(
      (face) =>
        face.family === typefaces.sans &&
        face.style === 'normal' &&
        ['400', '700'].includes(face.weight) &&
        /-latin-\d+-normal\.woff2$/.test(face.file),
    );
    svgStyle = `<style>${faces
      .map(
        (face) =>
          `@font-face{font-family:'${face.family}';font-weight:${face.weight};src:url(data:font/woff2;base64,${readFileSync(face.file).toString('base64')}) format('woff2')}`,
      )
      .join('')}text,tspan{font-family:'${typefaces.sans}',sans-serif}</style>`;
  }
  return svg.replace(/<svg\b[^>]*>/, (open) => open + svgStyle);
}
