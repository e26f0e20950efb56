/**
 * Schema issues → messages that point at the offending YAML key or value.
 */
import type { VFile } from 'vfile';
import type { RuleId, Scope } from '../data/rules.js';
import type { z } from 'zod';
import { error } from '../model/message.js';
import { locator } from '../load/front-matter.js';
import { suggest } from '../shared/suggest.js';
import { asianCountries } from '../data/countries.js';

type Path = readonly PropertyKey[];

/**
 * Validate `data` against `schema`, reporting every issue on `file` at its YAML position.
 *
 * @param file File the data came from; `file.data.frontMatter` locates its nodes.
 * @param data Parsed YAML.
 * @param schema Closed schema to check against.
 * @param scope Rule id prefix: `case` gives `case-country`, `case-unknown-key`, ….
 * @param privateKeys Top-level keys whose values are private: messages never quote them.
 * @returns The parsed value, or `undefined` when there were issues.
 */
export function validateMatter<Schema extends z.ZodType>(
  file: VFile,
  data: unknown,
  schema: Schema,
  scope: Scope,
  privateKeys: readonly string[] = [],
): z.output<Schema> | undefined {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const locate = locator(file, file.data.frontMatter);
  // A misspelt key is one mistake: report the unknown key with its suggestion, not also the
  // required key it was meant to be.
  const suggested = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = keysAt(schema, issue.path);
    for (const key of issue.keys) {
      const guess = suggest(key, known);
      if (guess) suggested.add(showPath([...issue.path, guess]));
    }
  }
  for (const issue of result.error.issues) {
    const path = issue.path;
    const rule: RuleId = `${scope}-${String(path[0] ?? 'frontmatter')}`;
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        const guess = suggest(key, known);
        const hint = guess
          ? `did you mean \`${guess}\`?`
          : `expected one of ${known.map((k) => `\`${k}\``).join(', ')}`;
        // A key inside a private value may itself be private (`Jane Doe: jane@…`): not named.
        const named = privateKeys.includes(String(path[0])) ? 'key' : `key \`${key}\``;
        error(
          file,
          `Unexpected ${named}${path.length > 0 ? ` in \`${showPath(path)}\`` : ''}, ${hint}`,
          locate([...path, key], 'key'),
          `${scope}-unknown-key`,
        );
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      if (suggested.has(showPath(path))) continue;
      error(
        file,
        `Missing \`${showPath(path)}\`, expected ${issue.message}`,
        locate(path.slice(0, -1), 'key')?.start,
        rule,
      );
    } else {
      const value = privateKeys.includes(String(path[0])) ? 'value' : show(issue.input);
      const guess = path[0] === 'country' ? countryGuess(issue.input) : undefined;
      error(
        file,
        `Unexpected ${value} for \`${showPath(path)}\`, expected ${issue.message}${guess ? `: did you mean \`${guess}\`?` : hintFor(issue.input, issue.message)}`,
        locate(path, 'value'),
        rule,
      );
    }
  }
  return undefined;
}

function keysAt(schema: z.ZodType, path: Path): string[] {
  let current: unknown = schema;
  for (const key of [...path, null]) {
    current = unwrap(current);
    const def = (current as { def?: { type: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (!def) return [];
    if (def.type === 'object' && def.shape) {
      if (key === null) return Object.keys(def.shape);
      current = def.shape[String(key)];
    } else if (def.type === 'array') {
      current = def.element;
    } else {
      return [];
    }
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type: string; innerType?: unknown; in?: unknown } } | undefined;
  while (current?.def && ['optional', 'default', 'nullable', 'pipe'].includes(current.def.type)) {
    current = (current.def.innerType ?? current.def.in) as typeof current;
  }
  return current;
}

function showPath(path: Path): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

function show(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (typeof value === 'object') return 'mapping';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar by now: lists and mappings returned above
  const text = String(value);
  const shown = `\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\``;
  // `"13"` where a number was meant: say that the quotes made it text.
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return `quoted string ${shown}`;
  return shown;
}

/**
 * The country code a value probably meant: the code in other letter case (`in`), or the code of
 * a country named (`India`).
 */
function countryGuess(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const upper = input.trim().toUpperCase();
  if (Object.hasOwn(asianCountries, upper)) return upper;
  const named = Object.entries(asianCountries).find(([, name]) => name.toLowerCase() === input.trim().toLowerCase());
  return named?.[0];
}

/**
 * What the user lacks to fix a value: its length against a limit stated in characters.
 *
 * @param input The value.
 * @param expected The schema's phrase.
 * @returns A parenthesis to append, or `''`.
 */
function hintFor(input: unknown, expected: string): string {
  if (typeof input === 'string' && /characters/.test(expected)) return ` (it has ${[...input.trim()].length})`;
  // `- The gap is use: devices` is a mapping in YAML: the colon and space inside it did that.
  if (
    /string|text/.test(expected) &&
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    Object.keys(input).length === 1
  )
    return ": a colon and a space inside a value start a mapping in YAML, so quote the value (`'…: …'`)";
  return '';
}
