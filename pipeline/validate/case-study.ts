/**
 * A case-study file → its published front matter (without `contact`) and slug.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { caseScaffold, placeholdersLeft } from './placeholders.js';
import { validateFrontMatter } from './chapter.js';
import { caseSchema, kebab as slugPattern, languagePattern, type PublishedCaseMatter } from '../model/schema.js';

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
  if (placeholdersLeft(file, matter, caseScaffold)) return undefined;
  const { contact: _private, ...meta } = matter;
  return { meta, slug };
}

/** The `language:` a case's front matter declares, if it looks like a language tag. */
export function declaredLanguage(matter: unknown): string | undefined {
  const value =
    typeof matter === 'object' && matter !== null ? (matter as Record<string, unknown>)['language'] : undefined;
  return typeof value === 'string' && languagePattern.test(value) ? value : undefined;
}
