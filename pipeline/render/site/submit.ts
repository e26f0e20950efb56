/**
 * A book edition → its submission form, `submit/<language>/index.html`: one self-contained page
 * (style and script inline, no request made) whose fields are generated from the case schema,
 * labelled in the edition's language.
 */
import { z } from 'zod';
import type { Committee } from '../../data/committees.js';
import { asianCountries, countryName } from '../../data/countries.js';
import { format, languageFor, type Labels } from '../../data/languages/index.js';
import { sdgs } from '../../data/sdgs.js';
import { caseSchema } from '../../model/schema.js';
import type { Book } from '../../model/types.js';
import { imageTypes, megabytes, submissionLimits } from '../../submit/layout.js';
import type { FieldKind, FieldSpec, FormSpec } from '../../submit/spec.js';
import { formWords, type FormWords } from '../../submit/words.js';
import { ownLabels } from '../../validate/settings.js';
import type { RenderContext } from '../context.js';

/** A JSON Schema node, as much of it as the form reads. */
interface JsonNode {
  type?: string;
  format?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonNode;
  properties?: Record<string, JsonNode>;
  required?: string[];
}

/** Keys the form does not ask for: the language is the form's, translations are the editors'. */
const notAsked = new Set(['language', 'translations']);

/**
 * The form's fields, from the case schema: every key of the front matter but `notAsked`, in the
 * schema's order, entered as its type says (a bounded list of whole numbers is the SDG picker).
 *
 * @param countries The book's extra country codes.
 * @returns The fields.
 */
export function formFields(countries: Readonly<Record<string, string>>): FieldSpec[] {
  const schema = z.toJSONSchema(caseSchema(countries), { io: 'input', unrepresentable: 'any' }) as JsonNode;
  const fields = (node: JsonNode, prefix: string): FieldSpec[] =>
    Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
      if (notAsked.has(key) && prefix === '') return [];
      const path = `${prefix}${key}`;
      if (child.type === 'object') return fields(child, `${path}.`);
      const required = node.required?.includes(key) ?? false;
      const kind: FieldKind =
        key === 'country' && prefix === ''
          ? 'country'
          : child.type === 'array'
            ? child.items?.type === 'integer'
              ? 'sdgs'
              : 'list'
            : child.enum
              ? 'select'
              : child.format === 'email'
                ? 'email'
                : child.format === 'uri'
                  ? 'url'
                  : (child.maxLength ?? 0) > 200
                    ? 'textarea'
                    : 'text';
      const min = child.minLength ?? child.minItems;
      const max = child.maxLength ?? child.maxItems;
      return [
        {
          key: path,
          kind,
          required,
          ...(min === undefined ? {} : { min }),
          ...(max === undefined ? {} : { max }),
          ...(child.enum ? { options: child.enum } : {}),
        },
      ];
    });
  return fields(schema, '');
}

/** A field's label and hint in the form's language. */
function fieldWords(key: string, labels: Labels, words: FormWords, field: FieldSpec) {
  const table: Record<string, { label: string; hint?: string }> = {
    title: { label: words.title, hint: format(words.titleHint, { min: field.min ?? 0, max: field.max ?? 0 }) },
    organization: { label: labels.organization },
    country: { label: labels.country, hint: words.countryHint },
    sdgs: { label: labels.sdgs, hint: format(words.sdgsHint, { max: field.max ?? 0 }) },
    committee: { label: labels.committee },
    summary: { label: words.summary },
    'contact.name': { label: words.contactName },
    'contact.email': { label: words.contactEmail },
    website: { label: labels.website, hint: words.websiteHint },
    keywords: { label: words.keywords, hint: words.keywordsHint },
  };
  const found = table[key];
  // A key the schema gained without words here: the form cannot ask for it, and says so loudly.
  if (!found) throw new Error(`The submission form has no label for the case key \`${key}\``);
  return found;
}

/**
 * Render the form of one edition.
 *
 * @param book The edition.
 * @param main The book's language.
 * @param context Templates (`submit.hbs`, `submit.css`).
 * @param script The form's script (`formScript`).
 * @returns The page.
 */
export function renderSubmitForm(
  book: Book,
  main: string,
  { templates }: Pick<RenderContext, 'templates'>,
  script: string,
): string {
  const { settings, labels } = book;
  const language = settings.language;
  const words = formWords(language);
  const fields = formFields(settings.countries);
  const codes = { ...asianCountries, ...settings.countries };
  const countryCodes: Record<string, string> = {};
  for (const code of Object.keys(codes)) {
    countryCodes[code.toLowerCase()] = code;
    countryCodes[countryName(code, 'en', settings.countries).toLowerCase()] = code;
    countryCodes[countryName(code, language, settings.countries).toLowerCase()] = code;
  }
  const spec: FormSpec = {
    language,
    bookLanguage: main,
    storageKey: `whitepaper-submission:${settings.name}:${language}`,
    fields,
    sections: [...labels.caseSections],
    countries: settings.countries,
    countryCodes,
    labels: ownLabels(settings),
    words: {
      count: words.count,
      problemCount: words.problemCount,
      noProblems: words.noProblems,
      saved: words.saved,
      saveBlocked: words.saveBlocked,
    },
  };
  const view = (field: FieldSpec) => ({
    ...field,
    id: `field-${field.key.replace('.', '-')}`,
    ...fieldWords(field.key, labels, words, field),
    [field.kind]: true,
    choices: field.options?.map((option) => ({
      value: option,
      name: Object.hasOwn(labels.committees, option) ? labels.committees[option as Committee] : option,
    })),
    private: field.key.startsWith('contact.'),
  });
  return templates.render('submit', {
    lang: language,
    dir: languageFor(language).direction,
    words: { ...words, heading: format(words.heading, { title: settings.title }) },
    imagesHint: format(words.imagesHint, {
      max: submissionLimits.images,
      size: megabytes(submissionLimits.imageBytes),
      types: Object.keys(imageTypes)
        .map((type) => `.${type}`)
        .join(' '),
    }),
    accept: Object.keys(imageTypes)
      .map((type) => `.${type}`)
      .join(','),
    fields: fields.filter((field) => !field.key.startsWith('contact.')).map(view),
    contact: fields.filter((field) => field.key.startsWith('contact.')).map(view),
    sdgs: sdgs.map((sdg) => ({ ...sdg, name: labels.sdgNames[sdg.number - 1] ?? '' })),
    countries: Object.keys(codes)
      .map((code) => countryName(code, language, settings.countries))
      .sort((a, b) => a.localeCompare(b, language)),
    sections: labels.caseSections.map((name, index) => ({ name, index })),
    css: templates.file('submit.css'),
    spec: JSON.stringify(spec).replace(/</g, '\\u003c'),
    script,
  });
}
