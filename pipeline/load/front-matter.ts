/**
 * Markdown text → YAML front matter on `file.data` (`matter`, `frontMatter`), never evaluated.
 */
import type { Position } from 'unist';
import { isMap, isNode, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { error } from '../model/message.js';
import type { FrontMatter } from '../model/types.js';

/** Largest front matter accepted, in characters. */
export const maxFrontMatterLength = 64 * 1024;

/** Most aliases a YAML document may expand (guards against alias bombs). */
export const maxAliasCount = 100;

const opening = /^---([^\r\n]*)\r?\n/;
const closing = /^---[^\S\n]*$/m;

/**
 * Read the front matter of a Markdown file. A file without front matter gets `matter`
 * `undefined`; front matter in another language than YAML is an error and is not read.
 *
 * @param file Markdown file; its value must be a string.
 */
export function readFrontMatter(file: VFile): void {
  const parts = splitFrontMatter(String(file.value));
  if (!parts) return;
  const { language, offset, yaml } = parts;
  if (language !== '' && language.toLowerCase() !== 'yaml') {
    error(
      file,
      `Unexpected front matter language \`${language}\`, expected YAML`,
      { line: 1, column: 4 },
      'frontmatter-language',
    );
    return;
  }
  if (yaml === undefined) {
    error(
      file,
      'Unexpected end of file, expected `---` closing the front matter',
      { line: 1, column: 1 },
      'frontmatter-yaml',
    );
    return;
  }
  parseYaml(file, yaml, offset);
}

/**
 * Where a Markdown text's front matter is.
 *
 * @param text The file's text.
 * @returns The language after the opening `---`, where the front matter's text starts, that
 *   text (`undefined` when it never closes) and where the body starts; `undefined` when the
 *   text has no front matter.
 */
function splitFrontMatter(
  text: string,
): { language: string; offset: number; yaml: string | undefined; body: number } | undefined {
  const head = opening.exec(text);
  if (!head) return undefined;
  const offset = head[0].length;
  const end = closing.exec(text.slice(offset));
  return {
    language: (head[1] ?? '').trim(),
    offset,
    yaml: end ? text.slice(offset, offset + end.index) : undefined,
    body: end ? offset + end.index + end[0].length : text.length,
  };
}

/**
 * A YAML error message without the document's own text. The yaml package quotes what it could
 * not read (an alias name, a tag, an escape), and that may be a private value, such as a case's
 * contact: the message points at the place instead.
 *
 * @param message The yaml package's message.
 * @returns Its first line, up to where it would quote the document.
 */
export function withoutQuotes(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line
    .replace(/^Unresolved tag: .*$/, 'Unresolved tag, expected plain values without `!tags`')
    .replace(
      /^(Unresolved alias[^:]*|Block scalar header includes extra characters|Expected a flow scalar value, but found|Aliased anchor not found|Unresolved alias): .*$/,
      '$1',
    )
    .replace(/^Invalid escape sequence .*$/, 'Invalid escape sequence')
    .replace(
      /^\S+ used for (\w+) collection, but expects (\w+)$/,
      'A tag used for a $1 collection, but it expects a $2',
    )
    .replace(
      /^Nested mappings are not allowed in compact mappings$/,
      'Nested mappings are not allowed in compact mappings: a value holding `: ` must be quoted (`title: "Smart irrigation: Punjab"`)',
    );
}

/**
 * The body of a Markdown text: what follows its front matter. Front matter that never closes
 * is all front matter, so that none of it (a contact, say) is ever taken for body text. Read
 * leniently, for an earlier revision that is never validated: a byte order mark, blank lines
 * and CRLF line ends before the front matter do not hide it.
 *
 * @param text A Markdown file's text.
 * @returns The text after the front matter, or the whole text when there is none.
 */
export function bodyOf(text: string): string {
  const start = /^\uFEFF?(?:[^\S\r\n]*\r?\n)*/.exec(text)?.[0].length ?? 0;
  const rest = text.slice(start);
  return rest.slice(splitFrontMatter(rest)?.body ?? 0);
}

/**
 * A parsed YAML document as plain data, its aliases expanded at most `maxAliasCount` times.
 *
 * @param document A document without errors.
 * @returns The value, or what is wrong, as a message's words (quoting nothing from the text).
 */
export function yamlValue(document: Document): { value: unknown } | { problem: string; at?: number } {
  // A list or a mapping as a key has no JavaScript name: the yaml package would make one up
  // (`"[]"`) and say so on the process's warning channel, not in a message.
  let key: number | undefined;
  visit(document, {
    Pair(_, pair) {
      if (isNode(pair.key) && !isScalar(pair.key)) {
        key = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (key !== undefined) return { problem: 'a list or a mapping as a key, expected a name', at: key };
  try {
    return { value: document.toJS({ maxAliasCount }) as unknown };
  } catch (cause) {
    // The yaml package signals its alias limit with a plain ReferenceError.
    const reason = withoutQuotes(cause instanceof Error ? cause.message : String(cause));
    const expected = /excessive alias/i.test(reason)
      ? `at most ${maxAliasCount} alias expansions`
      : 'an anchor (`&name`) set before each alias (`*name`)';
    return { problem: `${reason}, expected ${expected}` };
  }
}

/**
 * Parse YAML text that stands at `offset` in `file` and store it on `file.data`.
 *
 * @param file File the YAML belongs to (for messages).
 * @param yamlText The YAML source.
 * @param offset Offset of `yamlText` in the file.
 */
export function parseYaml(file: VFile, yamlText: string, offset: number): void {
  const place = location(file);
  const at = (index: number) => place.toPoint(offset + index) ?? { line: 1, column: 1 };
  if (yamlText.length > maxFrontMatterLength) {
    error(
      file,
      `Unexpected YAML of ${yamlText.length} characters, expected at most ${maxFrontMatterLength}`,
      at(0),
      'frontmatter-size',
    );
    return;
  }
  const document = parseDocument(yamlText, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  const problems = [...document.errors, ...document.warnings];
  for (const problem of problems) {
    let reason = withoutQuotes(problem.message);
    // A key is a name, never a private value: the duplicate one is named.
    if (problem.code === 'DUPLICATE_KEY')
      reason = `${reason}: \`${/^[^:\n]{1,80}/.exec(yamlText.slice(problem.pos[0]))?.[0].trim() ?? ''}\` stands twice`;
    error(
      file,
      `Unexpected YAML: ${reason}`,
      { start: at(problem.pos[0]), end: at(problem.pos[1]) },
      'frontmatter-yaml',
    );
  }
  if (problems.length > 0) return;
  const read = yamlValue(document);
  if (!('value' in read)) {
    error(file, `Unexpected YAML: ${read.problem}`, at(read.at ?? 0), 'frontmatter-yaml');
    return;
  }
  const matter = read.value;
  file.data.matter = matter ?? {};
  file.data.frontMatter = { document, offset };
}

/**
 * Whether two versions of a Markdown file have different front matter, private keys aside.
 *
 * @param before The file's earlier text (`null`: it did not exist).
 * @param after The current front matter, as read by `readFrontMatter`.
 * @param privateKeys Keys whose changes do not count (they are never shown).
 * @returns `true` when a published value changed.
 */
export function matterDiffers(before: string | null, after: unknown, privateKeys: readonly string[] = []): boolean {
  if (before === null) return true;
  const earlier = new VFile({ value: before });
  readFrontMatter(earlier);
  const published = (matter: unknown) =>
    JSON.stringify(
      matter && typeof matter === 'object'
        ? Object.entries(matter).filter(([key]) => !privateKeys.includes(key))
        : (matter ?? null),
    );
  return published(earlier.data.matter) !== published(after);
}

/** A path of keys and indices into a YAML document. */
type Path = readonly PropertyKey[];

/**
 * Find where a path of keys stands in a file's YAML.
 *
 * @param file File holding the YAML.
 * @param frontMatter Parsed YAML and its offset, if any.
 * @returns A function from a path to the range of its key or value (falling back to the nearest parent).
 */
export function locator(file: VFile, frontMatter: FrontMatter | undefined) {
  const points = location(file);
  return (path: Path, part: 'key' | 'value'): Position | undefined => {
    if (!frontMatter) return undefined;
    const { document, offset } = frontMatter;
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(document.contents, path.slice(0, depth), depth === path.length ? part : 'key');
      const range = node?.range;
      if (range) {
        const start = points.toPoint(offset + range[0]);
        const end = points.toPoint(offset + range[1]);
        if (start && end) return { start, end };
      }
    }
    const start = points.toPoint(offset);
    return start ? { start, end: start } : undefined;
  };
}

function nodeAt(root: unknown, path: Path, part: 'key' | 'value'): YamlNode | undefined {
  let node: unknown = root;
  for (const [index, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) return undefined;
      if (index === path.length - 1 && part === 'key') return pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(key)];
    } else {
      return undefined;
    }
  }
  return isNode(node) ? node : undefined;
}
