/**
 * What the submission page tells its script: the fields the case schema has (generated from it
 * at build time), the book's language, sections and countries. Written into the page as JSON.
 */
import type { OwnLabels } from '../data/languages/index.js';

/** How a field is entered. */
export type FieldKind = 'text' | 'textarea' | 'select' | 'sdgs' | 'list' | 'country' | 'email' | 'url';

/** One field of the form: a key of the case's front matter. */
export interface FieldSpec {
  /** Its path in the front matter, `.`-separated: `title`, `contact.name`. */
  key: string;
  kind: FieldKind;
  required: boolean;
  /** Characters (text) or items (lists), when the schema bounds them. */
  min?: number;
  max?: number;
  /** The choices of a select, by value. */
  options?: readonly string[];
}

/** The page's JSON. */
export interface FormSpec {
  /** The form's language: the edition it was built for. */
  language: string;
  /** The book's language: a case in another says so with `language:`. */
  bookLanguage: string;
  /** Where the draft is kept in the browser. */
  storageKey: string;
  fields: FieldSpec[];
  /** The required sections, in the form's language. */
  sections: string[];
  /** Country codes the book adds to the Asian ones (for the check). */
  countries: Readonly<Record<string, string>>;
  /** A country's name (in the form's language or English, lowercase) or code → its code. */
  countryCodes: Readonly<Record<string, string>>;
  /** The book's own fixed text, by language (its case sections). */
  labels: Readonly<Record<string, OwnLabels>>;
  words: { count: string; problemCount: string; noProblems: string; saved: string; saveBlocked: string };
}
