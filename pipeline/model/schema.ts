/**
 * The front-matter schemas: `whitepaper.yaml`, chapters, case studies and awards. The model's
 * types are derived from them. Each constraint carries the phrase that completes
 * "…, expected <phrase>" in a message.
 */
import { z } from 'zod';
import { asianCountries } from '../data/countries.js';
import { committeeIds, type Committee } from '../data/committees.js';
import { englishLabels, type OwnLabels } from '../data/languages/index.js';
import { directories } from './directories.js';

export type { Committee };

/** Lowercase kebab-case: case slugs, file names, tier and rule ids. */
export const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (what = 'a non-empty string') => z.string({ error: what }).trim().min(1, { error: what });
/** A BCP 47 language tag as the book uses them: `en`, `zh-Hans`. */
export const languagePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const languageTag = () =>
  z
    .string({ error: 'a BCP 47 language tag such as `en` or `zh-Hans`' })
    .regex(languagePattern, { error: 'a BCP 47 language tag such as `en` or `zh-Hans`' });
const keywords = () => z.array(text(), { error: 'a list of keywords' });
const citationStyle = () => text('`apa`, `vancouver`, `harvard1` or a path to a .csl file');
const citationLocale = () => text('a path to a CSL locale file such as `locales-zh-CN.xml`');
/** A map of edition languages to translations of something. */
const byLanguage = <Value extends z.ZodType>(value: Value, error: string) => z.record(languageTag(), value, { error });

/** Defaults of `whitepaper.yaml`: the one place they live. */
export const settingsDefaults = {
  awards: directories.awards,
  name: 'whitepaper',
  keywords: [] as string[],
  countries: {} as Record<string, string>,
  translations: {} as Record<
    string,
    {
      title?: string;
      subtitle?: string;
      edition?: string;
      publisher?: string;
      author?: string;
      keywords?: string[];
      citationStyle?: string;
      citationLocale?: string;
      labels?: OwnLabels;
      backCover?: { text?: string; website?: string };
    }
  >,
  trustChapters: false,
  citationStyle: 'apa',
  listOfFigures: false,
  listOfTables: false,
  chapterOpening: 'any' as 'any' | 'recto',
  submissionForm: 'editors' as 'editors' | 'public',
  epub: false,
  rules: {} as Record<string, 'off' | 'warn'>,
  limits: {
    /** Largest Markdown or YAML file, in bytes. */
    fileSize: 5 * 1024 * 1024,
    /** Most chapter and case files. */
    files: 5000,
    /** Deepest Markdown nesting. */
    depth: 64,
    /** Seconds one file may take to transform. */
    fileTime: 10,
  },
};

const count = (what: string) => z.int({ error: what }).min(1, { error: what });

/**
 * A language's fixed text as a book gives it (`translations.<tag>.labels`): any of the registry's
 * texts, each over the language's entry (or English); the lists whole.
 */
const ownLabels = () => {
  const texts = Object.fromEntries(
    Object.entries(englishLabels)
      .filter(([, value]) => typeof value === 'string')
      // As written: a caption label ends in its space ("Figure 1.1: ").
      .map(([key]) => [
        key,
        z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' }).optional(),
      ]),
  );
  const names = Object.keys(texts)
    .slice(0, 3)
    .map((key) => `\`${key}\``)
    .join(', ');
  return z.strictObject(
    {
      ...texts,
      sourceNotes: z
        .array(text(), { error: 'a list of the words a source note starts with (`Source`, `Note`)' })
        .min(1, { error: 'a list of the words a source note starts with (`Source`, `Note`)' })
        .optional(),
      caseSections: z
        .array(text(), { error: 'a list of the `##` sections every case study in the language has' })
        .min(1, { error: 'a list of the `##` sections every case study in the language has' })
        .optional(),
      committees: z
        .strictObject(Object.fromEntries(committeeIds.map((id) => [id, text().optional()])), {
          error: `a mapping of committee ids (${committeeIds.map((id) => `\`${id}\``).join(', ')}) to names`,
        })
        .optional(),
      sdgNames: z
        .array(text(), { error: 'a list of the 17 SDGs’ short names, in order' })
        .length(17, { error: 'a list of the 17 SDGs’ short names, in order' })
        .optional(),
    },
    { error: `a mapping of fixed texts (${names}, …: the guide, "Editions and languages") to their translations` },
  ) as unknown as z.ZodType<OwnLabels>;
};

/** The back cover: a few sentences on the book, and where to find it. */
const backCover = () =>
  z.strictObject(
    { text: text().optional(), website: text().optional() },
    { error: 'a mapping of `text` (a few sentences on the book) and `website`' },
  );

/** The imprint page: every field optional, each printed as given. */
const imprint = () =>
  z.strictObject(
    {
      copyright: text().optional(),
      licence: text().optional(),
      isbn: text().optional(),
      doi: text().optional(),
      citation: text().optional(),
      disclaimer: text().optional(),
    },
    { error: 'a mapping of `copyright`, `licence`, `isbn`, `doi`, `citation` and `disclaimer`' },
  );

export const settingsSchema = z.strictObject({
  title: text(),
  subtitle: text(),
  edition: text(),
  publisher: text(),
  date: z
    .string({ error: 'a date as YYYY-MM-DD' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'a date as YYYY-MM-DD' }),
  language: languageTag(),
  languages: z
    .array(languageTag(), { error: 'a list of language tags, the main language first' })
    .min(1, { error: 'a list of language tags, the main language first' })
    .refine((list) => new Set(list).size === list.length, { error: 'distinct language tags' })
    .optional(),
  translations: byLanguage(
    z.strictObject(
      {
        title: text().optional(),
        subtitle: text().optional(),
        edition: text().optional(),
        publisher: text().optional(),
        author: text().optional(),
        keywords: keywords().optional(),
        citationStyle: citationStyle().optional(),
        citationLocale: citationLocale().optional(),
        imprint: imprint().optional(),
        backCover: backCover().optional(),
        labels: ownLabels().optional(),
      },
      {
        error:
          'a mapping of translated `title`, `subtitle`, `edition`, `publisher`, `author`, `keywords`, `citationStyle`, `citationLocale`, `imprint`, `backCover` and `labels`',
      },
    ),
    'a map of language tags to translated settings',
  ).default(settingsDefaults.translations),
  author: text().optional(),
  imprint: imprint().optional(),
  backCover: backCover().optional(),
  logo: text('a path to an image file (PNG, JPEG, WebP or SVG) in the content folder').optional(),
  coverImage: text('a path to an image file (PNG, JPEG, WebP or SVG) in the content folder').optional(),
  signatories: z
    .array(
      z.strictObject(
        { name: text(), title: text() },
        { error: 'a mapping of `name` and `title` (the signatory’s role)' },
      ),
      { error: 'a list of up to three signatories' },
    )
    .max(3, { error: 'a list of up to three signatories' })
    .optional(),
  keywords: keywords().default(settingsDefaults.keywords),
  name: z
    .string({ error: 'a kebab-case file name such as `whitepaper-2026`' })
    .regex(kebab, { error: 'a kebab-case file name such as `whitepaper-2026`' })
    .default(settingsDefaults.name),
  bibliography: text('a path to a BibTeX or CSL-JSON file').optional(),
  awards: text('a path to the awards file').default(settingsDefaults.awards),
  countries: z
    .record(
      z.string().regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 code in upper case' }),
      text('the English name of the country or region'),
      { error: 'a map of ISO 3166-1 alpha-2 codes to English names' },
    )
    .default(settingsDefaults.countries),
  trustChapters: z.boolean({ error: '`true` or `false`' }).default(settingsDefaults.trustChapters),
  citationStyle: citationStyle().default(settingsDefaults.citationStyle),
  citationLocale: citationLocale().optional(),
  listOfFigures: z.boolean({ error: '`true` or `false`' }).default(settingsDefaults.listOfFigures),
  listOfTables: z.boolean({ error: '`true` or `false`' }).default(settingsDefaults.listOfTables),
  // `recto`: in print, every chapter, the references and the compendium open on a right-hand
  // (odd) page, after a blank verso without running head or page number where needed.
  chapterOpening: z.enum(['any', 'recto'], { error: '`any` or `recto`' }).default(settingsDefaults.chapterOpening),
  /** Where the site is published (the URL of `output/site/`): canonical links, Scholar's PDF URL, the sitemap. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'an http or https URL, such as `https://example.org/whitepaper/`' })
    .optional(),
  /** Where the submission form is linked: the editors' dashboard only, or also the site's compendium. */
  submissionForm: z
    .enum(['editors', 'public'], { error: '`editors` or `public`' })
    .default(settingsDefaults.submissionForm),
  /**
   * Crossref's deposit (`output/crossref.xml`): who deposits, for the book's DOI (`imprint.doi`)
   * and a DOI per chapter below it, each resolving to its page at `baseUrl`.
   */
  crossref: z
    .strictObject(
      {
        depositor: z.strictObject(
          {
            name: text('the name of who deposits'),
            email: z.email({ error: 'the e-mail address Crossref answers a deposit at' }),
          },
          { error: 'a mapping of `name` and `email`' },
        ),
        registrant: text('the organisation that registers the DOIs').optional(),
      },
      { error: 'a mapping of `depositor` (`name` and `email`) and `registrant`' },
    )
    .optional(),
  /** Every build also writes an EPUB 3 of each edition (`output/<name>-<language>.epub`), as `build --epub` does. */
  epub: z.boolean({ error: '`true` or `false`' }).default(settingsDefaults.epub),
  rules: z
    .record(
      z.string().regex(kebab, { error: 'a rule id such as `heading-skip`' }),
      z.enum(['off', 'warn'], { error: '`off` or `warn`' }),
      {
        error: 'a map of rule ids to `off` or `warn`',
      },
    )
    .default(settingsDefaults.rules),
  limits: z
    .strictObject(
      {
        fileSize: count('a size in bytes').default(settingsDefaults.limits.fileSize),
        files: count('a number of files').default(settingsDefaults.limits.files),
        depth: count('a nesting depth').default(settingsDefaults.limits.depth),
        fileTime: z
          .number({ error: 'a number of seconds' })
          .positive({ error: 'a number of seconds' })
          .max(600, { error: 'at most 600 seconds' })
          .default(settingsDefaults.limits.fileTime),
      },
      { error: 'a mapping of `fileSize`, `files`, `depth` and `fileTime`' },
    )
    .default(settingsDefaults.limits),
});

export type SettingsMatter = z.infer<typeof settingsSchema>;

export const chapterSchema = z.strictObject({
  title: text(),
  /** The chapter opens a part of this title: the chapters after it belong to it, up to the next part. */
  part: text().optional(),
  authors: z.array(text(), { error: 'a list of author names' }).optional(),
  summary: text().optional(),
  /** The chapter's key messages: a panel where it opens, as flagship reports set them. */
  keyMessages: z
    .array(text(), { error: 'a list of one to seven key messages' })
    .min(1, { error: 'a list of one to seven key messages' })
    .max(7, { error: 'a list of one to seven key messages' })
    .optional(),
});

export type ChapterMatter = z.infer<typeof chapterSchema>;

const caseTitle = () =>
  z
    .string({ error: 'a title of 5 to 150 characters' })
    .trim()
    .min(5, { error: 'a title of 5 to 150 characters' })
    .max(150, { error: 'a title of 5 to 150 characters' });
const caseSummary = () =>
  z
    .string({ error: 'a summary of 20 to 600 characters' })
    .trim()
    .min(20, { error: 'a summary of 20 to 600 characters' })
    .max(600, { error: 'a summary of 20 to 600 characters' });

/**
 * Schema of a case study's front matter.
 *
 * @param extraCountries Codes the alliance adds to the Asian ones in `whitepaper.yaml`.
 * @returns A closed schema: unknown keys are errors.
 */
export function caseSchema(extraCountries: Readonly<Record<string, string>> = {}) {
  const isKnown = (code: string) => Object.hasOwn(asianCountries, code) || Object.hasOwn(extraCountries, code);
  return z.strictObject({
    title: caseTitle(),
    organization: text(),
    country: z
      .string({ error: 'an Asian ISO 3166-1 alpha-2 code such as `SG`' })
      .refine(isKnown, { error: 'an Asian ISO 3166-1 alpha-2 code such as `SG`' }),
    sdgs: z
      .array(
        z
          .int({ error: 'an SDG number from 1 to 17' })
          .min(1, { error: 'an SDG number from 1 to 17' })
          .max(17, { error: 'an SDG number from 1 to 17' }),
        {
          error: 'a list of 1 to 5 SDG numbers',
        },
      )
      .min(1, { error: 'a list of 1 to 5 SDG numbers' })
      .max(5, { error: 'a list of 1 to 5 SDG numbers' })
      .refine((list) => new Set(list).size === list.length, { error: 'distinct SDG numbers' }),
    committee: z.enum(committeeIds, { error: `one of ${committeeIds.map((id) => `\`${id}\``).join(', ')}` }),
    summary: caseSummary(),
    contact: z.strictObject(
      {
        name: text(),
        email: z.email({ error: 'an email address' }),
      },
      { error: 'a mapping with `name` and `email`' },
    ),
    website: z.url({ protocol: /^https$/, error: 'an https URL' }).optional(),
    keywords: keywords().optional(),
    language: languageTag().optional(),
    translations: byLanguage(
      z.strictObject(
        { title: caseTitle().optional(), summary: caseSummary().optional() },
        { error: 'a mapping with a translated `title` and `summary`' },
      ),
      'a map of language tags to a translated `title` and `summary`',
    ).optional(),
  });
}

export type CaseMatter = z.infer<ReturnType<typeof caseSchema>>;

/** What a case study publishes: everything but the private `contact`. */
export type PublishedCaseMatter = Omit<CaseMatter, 'contact'>;

export const awardsSchema = z.strictObject({
  tiers: z
    .array(
      z.strictObject({
        id: z.string({ error: 'a kebab-case tier id' }).regex(kebab, { error: 'a kebab-case tier id' }),
        label: text(),
        translations: byLanguage(
          text('the translated label'),
          'a map of language tags to translated labels',
        ).optional(),
        cases: z.array(z.string({ error: 'a case slug' }), { error: 'a list of case slugs' }).default([]),
        /** Why the tier departs from the judges' ranking, when it does. */
        reason: text('why the tier departs from the ranking').optional(),
      }),
      { error: 'a list of tiers' },
    )
    .default([]),
});

export type AwardsMatter = z.infer<typeof awardsSchema>;

/** A kebab-case id: of a criterion, a judge. */
const id = (what: string) =>
  z.string({ error: `a kebab-case ${what} id` }).regex(kebab, { error: `a kebab-case ${what} id` });

/** `judging/criteria.yaml`: what the judges score, with weights and a guide per score. */
export const criteriaSchema = z
  .strictObject({
    criteria: z
      .array(
        z.strictObject({
          id: id('criterion'),
          label: text(),
          translations: byLanguage(
            text('the translated label'),
            'a map of language tags to translated labels',
          ).optional(),
          weight: z.number({ error: 'a positive weight' }).positive({ error: 'a positive weight' }),
          scale: z
            .tuple([z.int({ error: 'a whole number' }), z.int({ error: 'a whole number' })], {
              error: 'the lowest and highest score, such as `[1, 5]`',
            })
            .refine(([low, high]) => high > low && high - low <= 100, {
              error: 'the lowest and highest score, such as `[1, 5]`',
            }),
          /** One line per score, from the lowest. */
          guide: z.array(text(), { error: 'one line per score, from the lowest' }),
        }),
        { error: 'a list of criteria' },
      )
      .min(1, { error: 'a list of criteria' }),
    /** Judges each case gets. */
    judgesPerCase: z.int({ error: 'a number of judges' }).min(1, { error: 'a number of judges' }).default(3),
    /** Judges' packets leave out the names of organisations, their countries and websites. */
    blind: z.boolean({ error: '`true` or `false`' }).default(true),
    /** A case whose judges' totals differ by more than this share of the scale is flagged. */
    disagreement: z.number({ error: 'a share of the scale from 0 to 1' }).min(0).max(1).default(0.4),
    /**
     * Tiers proposed from the ranking, in order: each rule gives its tier to the best `top` cases
     * (in each committee, or overall) not given one by an earlier rule, at or above `minimum`.
     */
    awardRules: z
      .array(
        z.strictObject({
          tier: id('tier'),
          top: z.int({ error: 'a number of cases' }).min(1, { error: 'a number of cases' }),
          of: z.enum(['committee', 'overall'], { error: '`committee` or `overall`' }).default('committee'),
          /** The lowest weighted mean a case may have for the tier, on the criteria's scale. */
          minimum: z.number({ error: 'a weighted mean on the criteria’s scale' }).optional(),
        }),
        { error: 'a list of rules: `tier`, `top`, `of`, `minimum`' },
      )
      .default([]),
    /** A pass/fail round before the scored one: only the cases it passes are scored. */
    screening: z
      .strictObject({
        label: text(),
        translations: byLanguage(
          text('the translated label'),
          'a map of language tags to translated labels',
        ).optional(),
        /** What a case must meet to pass, one condition per line. */
        guide: z.array(text(), { error: 'a list of conditions' }).min(1, { error: 'a list of conditions' }),
        /** Screeners each case gets. */
        judgesPerCase: z.int({ error: 'a number of judges' }).min(1, { error: 'a number of judges' }).default(1),
        /** `any`: a case passes when one screener passes it; `all`: when every screener does. */
        passWhen: z.enum(['any', 'all'], { error: '`any` or `all`' }).default('any'),
      })
      .optional(),
  })
  .superRefine((data, context) => {
    for (const [index, criterion] of data.criteria.entries()) {
      const [low, high] = criterion.scale;
      if (criterion.guide.length !== high - low + 1)
        context.addIssue({
          code: 'custom',
          path: ['criteria', index, 'guide'],
          message: `one line per score from ${low} to ${high} (${high - low + 1} lines)`,
        });
    }
  });

export type CriteriaMatter = z.infer<typeof criteriaSchema>;

/** `judging/judges.yaml`: who judges, for which committees, and their declared conflicts. */
export const judgesSchema = z.strictObject({
  judges: z
    .array(
      z.strictObject({
        id: id('judge'),
        name: text(),
        organization: text(),
        committees: z.array(
          z.enum(committeeIds, { error: `one of ${committeeIds.map((c) => `\`${c}\``).join(', ')}` }),
          {
            error: 'a list of committees',
          },
        ),
        /** Slugs of cases the judge declared a conflict with. */
        conflicts: z.array(z.string({ error: 'a case slug' }), { error: 'a list of case slugs' }).default([]),
        /** The edition language the judge reads. */
        language: languageTag().optional(),
      }),
      { error: 'a list of judges' },
    )
    .min(1, { error: 'a list of judges' }),
});

export type JudgesMatter = z.infer<typeof judgesSchema>;

/** Judge id → case slugs. */
const byJudge = () =>
  z.record(z.string(), z.array(z.string({ error: 'a case slug' }), { error: 'a list of case slugs' }), {
    error: 'a map of judge ids to case slugs',
  });

/** `judging/assignments.yaml`, written by `whitepaper judging assign`: judge → cases, for each round. */
export const assignmentsSchema = z.strictObject({
  /** The screening round's, when the criteria have one. */
  screening: byJudge().optional(),
  /** The scored round's. */
  assignments: byJudge().default({}),
});
