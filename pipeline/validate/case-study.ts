/**
 * A case-study file → its published front matter (without `contact`) and slug.
 */
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { error } from '../message.js';
import { locator } from '../load/front-matter.js';
import { validateFrontMatter } from './chapter.js';
import { caseSchema, kebab as slugPattern, type PublishedCaseMatter } from './schema.js';

/** What validation learns about a case study before its body is transformed. */
export interface CaseHead {
  meta: PublishedCaseMatter;
  slug: string;
}

/** One schema per settings object: building it is costlier than using it. */
const schemas = new WeakMap<Readonly<Record<string, string>>, ReturnType<typeof caseSchema>>();

/**
 * Validate a case study's file name and front matter, and drop its private fields.
 *
 * @param file Case study as loaded by `loadSources`.
 * @param extraCountries Country codes the alliance adds to the Asian ones.
 * @returns The case head, or `undefined` when the case cannot be published.
 */
export function validateCaseStudy(file: VFile, extraCountries: Readonly<Record<string, string>>): CaseHead | undefined {
  let schema = schemas.get(extraCountries);
  if (!schema) schemas.set(extraCountries, (schema = caseSchema(extraCountries)));
  const matter = validateFrontMatter(file, schema, 'case', ['contact']);
  const slug = file.stem ?? '';
  const slugOk = slugPattern.test(slug);
  if (!slugOk) {
    error(
      file,
      `Unexpected file name \`${file.basename}\`, expected a lowercase kebab-case slug such as \`flood-early-warning.md\``,
      { line: 1, column: 1 },
      'case-slug',
    );
  }
  if (!slugOk || !matter) return undefined;
  if (placeholdersLeft(file, matter)) return undefined;
  const { contact: _private, ...meta } = matter;
  return { meta, slug };
}

/** What `whitepaper new case` writes, to be replaced: front matter values, and body sentences. */
const placeholders: { path: readonly string[]; value: string }[] = [
  { path: ['title'], value: 'Title of the case study' },
  { path: ['organization'], value: 'Name of the organisation' },
  { path: ['summary'], value: 'One or two sentences on the problem, the solution and the measured result.' },
  { path: ['contact', 'name'], value: 'Contact person' },
  { path: ['contact', 'email'], value: 'contact@example.org' },
];
const bodyPlaceholders = [
  'The problem, who has it, and why it matters for the Goals.',
  'What was built or changed, and how it works.',
  'What changed, with numbers and their source.',
];

/**
 * An unfilled scaffold can never be published: each placeholder left is a `case-placeholder` error.
 *
 * @returns Whether any was left.
 */
function placeholdersLeft(file: VFile, matter: Record<string, unknown>): boolean {
  const locate = locator(file, file.data.frontMatter);
  let left = false;
  for (const { path, value } of placeholders) {
    const actual = path.reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
      matter,
    );
    if (actual !== value) continue;
    left = true;
    // The contact is private: its placeholder is named, not quoted.
    const shown = path[0] === 'contact' ? 'placeholder' : `placeholder \`${value}\``;
    error(
      file,
      `Unexpected ${shown} for \`${path.join('.')}\`, expected the case's own value (\`whitepaper new case\` wrote it)`,
      locate(path, 'value'),
      'case-placeholder',
    );
  }
  const text = String(file.value);
  const points = location(file);
  for (const sentence of bodyPlaceholders) {
    const at = text.indexOf(sentence);
    if (at === -1) continue;
    left = true;
    error(
      file,
      `Unexpected placeholder text \`${sentence}\`, expected the case's own text (\`whitepaper new case\` wrote it)`,
      points.toPoint(at),
      'case-placeholder',
    );
  }
  return left;
}
