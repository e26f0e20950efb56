/**
 * `citationStyle` → the XML of a CSL style: one citation-js bundles, or a `.csl` file of the
 * content root, checked before any engine is built.
 */
import { createRequire } from 'node:module';
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { readSource } from '../load/read.js';
import type { Place } from '../model/message.js';

/** A style ready for an engine. */
export interface Style {
  /** The bundled name, or `file:<path>` for a file of the content root. */
  name: string;
  xml: string;
}

let bundled: Record<string, string> | undefined;

/** The styles citation-js ships (`apa`, `vancouver`, `harvard1`), read without loading citation-js. */
export function bundledStyles(): Record<string, string> {
  bundled ??= createRequire(import.meta.url)('@citation-js/plugin-csl/lib/styles.json') as Record<string, string>;
  return bundled;
}

/** Largest style file accepted, in bytes (the largest official styles are about 200 KB). */
const maxStyleSize = 2 * 1024 * 1024;

/**
 * Resolve a style. A file must be an independent CSL style: a dependent style only names its
 * parent, which is what has to be downloaded instead.
 *
 * @param root Content root.
 * @param name `citationStyle` (or an edition's) from the settings.
 * @param settingsFile Where problems are reported.
 * @param place The `citationStyle` key's value in the settings.
 * @returns The style, or `undefined` when it cannot be used (reported as `settings-citation-style`).
 */
export async function resolveStyle(
  root: string,
  name: string,
  settingsFile: VFile,
  place: Place,
): Promise<Style | undefined> {
  const known = bundledStyles()[name];
  if (known !== undefined) return { name, xml: known };
  const report = (reason: string) => {
    error(settingsFile, reason, place, 'settings-citation-style');
    return undefined;
  };
  if (!name.endsWith('.csl'))
    return report(
      `Unexpected citation style \`${name}\`, expected \`apa\`, \`vancouver\`, \`harvard1\` or a path to a .csl file`,
    );
  const file = await readSource(root, name, maxStyleSize);
  const problem = file.messages[0];
  if (problem) return report(`Unexpected citation style \`${name}\`: ${continuing(problem.reason)}`);
  const xml = String(file.value);
  const problemWith = styleProblem(xml);
  return problemWith ? report(`Unexpected citation style \`${name}\`: ${problemWith}`) : { name: `file:${name}`, xml };
}

/**
 * A message of the reader, continuing a sentence: its first letter in lower case.
 *
 * @param reason Such as "Missing file".
 * @returns Such as "missing file".
 */
export function continuing(reason: string): string {
  return reason.replace(/^./, (letter) => letter.toLowerCase());
}

/**
 * What keeps a text from being an independent CSL style, checked without parsing the XML.
 *
 * @param xml The file's text.
 * @returns The reason, or `undefined` when it looks like a usable style.
 */
export function styleProblem(xml: string): string | undefined {
  if (xml.trim() === '') return 'the file is empty, expected a CSL 1.0 style';
  if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml))
    return 'expected a CSL style (`<style xmlns="http://purl.org/net/xbiblio/csl">`)';
  const parent = /<link\b[^>]*rel="independent-parent"[^>]*>/.exec(xml)?.[0];
  if (parent) {
    const href = /href="([^"]*)"/.exec(parent)?.[1] ?? '';
    const parentName = href.split('/').filter(Boolean).at(-1) ?? href;
    return `a dependent style only names its parent, expected an independent style: use \`${parentName}.csl\` (${href})`;
  }
  if (!/<citation\b/.test(xml)) return 'expected a style with a `<citation>` layout';
  if (!/<\/style>\s*$/.test(xml)) return 'the file ends before `</style>`';
  return undefined;
}
