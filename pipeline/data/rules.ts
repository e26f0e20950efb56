/**
 * The rule registry: every problem the pipeline reports has an id here, with its severity and
 * what it means. Messages name their rule by this id (`message.ts` types it); the guide's table of
 * messages is generated from this list (`docs/messages.md`, checked by `tests/rules.test.ts`), so
 * a rule cannot ship without its line. An id with `<key>` stands for a family: one rule per key of
 * a front-matter schema (`settings-date`, `case-country`).
 */

/** How a rule's problems are reported. */
export type Severity = 'error' | 'warning' | 'error or warning' | 'warning or error' | 'info';

/**
 * A book that breaks the rule: the files it lays over the smallest valid book (`exampleBook`),
 * path → text (bytes for a file that is not UTF-8, `null` for a file it takes away), and the
 * other rules it breaks, if it cannot help it; or why a rule has none, and which test breaks it
 * instead. `tests/rules.test.ts` checks each example,
 * and the guide shows each with the messages it gets.
 */
export type Example =
  | {
      files: Readonly<Record<string, string | Uint8Array | null>>;
      /** Rules the example cannot help breaking too (an unclosed `<noscript>` is also removed). */
      also?: readonly string[];
    }
  | { none: string };

/** One rule. */
export interface Rule {
  severity: Severity;
  /** What it means, completing "a rule for …": the table of messages shows it. */
  summary: string;
  example: Example;
}

/** Lines of a file, each ended. */
const lines = (...text: string[]): string => text.map((line) => `${line}\n`).join('');

/** The example book's settings, with more lines. */
const settings = (...more: string[]): string =>
  lines(
    'title: Example',
    'subtitle: A Report',
    'edition: 2026 Edition',
    'publisher: Example Press',
    'date: 2026-02-01',
    'language: en',
    ...more,
  );

/** A chapter titled "One" with this body. */
const chapter = (...body: string[]): string => lines('---', 'title: One', '---', '', ...body);

/** A case study's required sections, each with one line. */
const sections = (...titles: string[]): string =>
  (titles.length > 0 ? titles : ['Background', 'Solution', 'Impact'])
    .map((title) => lines(`## ${title}`, '', `${title.charAt(0)}.`))
    .join('\n');

/** A valid case study, with front-matter keys changed or added, and another body. */
function caseStudy(changes: Readonly<Record<string, string>> = {}, body = sections()): string {
  const matter: Record<string, string> = {
    title: 'Solar Pumps for Smallholder Farms',
    organization: 'Example Water Trust',
    country: 'IN',
    sdgs: '[2, 6, 7]',
    committee: 'esg',
    summary: 'Solar pumps replaced diesel on 400 farms and halved the cost of irrigation.',
    contact: '{ name: Asha Rao, email: asha@example.org }',
    ...changes,
  };
  return `${lines('---', ...Object.entries(matter).map(([key, value]) => `${key}: ${value}`), '---', '')}${body}`;
}

/** A chart block holding these lines. */
const chart = (...spec: string[]): string[] => [
  '```chart {#fig:growth}',
  'alt: Bars of growth by year.',
  ...spec,
  '```',
];

/** A bibliography entry, cited as `@tan2024`. */
const entry = lines(
  '@report{tan2024,',
  '  author = {Tan, Mei Lin},',
  '  title = {Water pumps in Asia},',
  '  year = {2024}',
  '}',
);

/** An image. */
const logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';

/** A text in Latin-1 bytes: not UTF-8 where it leaves ASCII. */
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

/** A reviewer's comment on a quote of the example chapter, as `review/` keeps it. */
const comment = (line: string, quote: string, prefix = '', suffix = '') =>
  JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'urn:uuid:0b6c7a52-8d1e-4f0a-9a57-3e0f3f1c2d4b',
    type: 'Annotation',
    motivation: 'commenting',
    created: '2026-12-01T09:30:00.000Z',
    creator: { type: 'Person', name: 'Mei Lin' },
    body: { type: 'TextualBody', value: line, format: 'text/plain' },
    target: {
      source: 'chapters/01-one.md',
      edition: 'en',
      selector: [{ type: 'TextQuoteSelector', exact: quote, prefix, suffix }],
    },
    status: 'open',
    replies: [],
  });

/** Judging settings: two criteria on a scale of 1 to 3, one judge of the ESG committee. */
const criteriaFile = (...more: string[]) =>
  lines(
    'criteria:',
    '  - id: impact',
    '    label: Impact',
    '    weight: 2',
    '    scale: [1, 3]',
    '    guide: [Not shown, Some, Measured and lasting]',
    '  - id: novelty',
    '    label: Novelty',
    '    weight: 1',
    '    scale: [1, 3]',
    '    guide: [Known, Adapted, New]',
    ...more,
  );
const judgesFile = (...more: string[]) =>
  lines(
    'judges:',
    '  - id: tan',
    '    name: Mei Lin Tan',
    '    organization: Example University',
    '    committees: [esg]',
    ...more,
  );

/** A screening round, for `criteriaFile`. */
const screeningRound = ['screening:', '  label: Eligible', '  guide: [A project in a member country]'];

/** A book with judging settings, a case, and more files. */
const judging = (files: Record<string, string>): Record<string, string> => ({
  'cases/solar-pumps.md': caseStudy(),
  'judging/criteria.yaml': criteriaFile(),
  'judging/judges.yaml': judgesFile(),
  ...files,
});

/** The smallest valid book, under every example. */
export const exampleBook: Readonly<Record<string, string>> = {
  'whitepaper.yaml': settings(),
  'chapters/01-one.md': chapter('Body.'),
};

/** Every rule, in the order the guide lists them. */
export const rules = {
  'file-read': {
    severity: 'error',
    summary: 'a file missing or unreadable, not a regular file, or outside the project (after links)',
    example: { files: { 'whitepaper.yaml': settings('bibliography: references.bib') } },
  },
  'file-size': {
    severity: 'error',
    summary: 'a file larger than `limits.fileSize`',
    example: {
      files: {
        'whitepaper.yaml': settings('limits: { fileSize: 200 }'),
        'chapters/02-long.md': chapter('A sentence of some length. '.repeat(10).trim()),
      },
    },
  },
  'file-encoding': {
    severity: 'error',
    summary: 'a file not in UTF-8 (a BOM and CRLF are fine)',
    example: { files: { 'chapters/02-latin.md': latin1(chapter('Café, in Latin-1.')) } },
  },
  'limits-files': {
    severity: 'error',
    summary: 'more Markdown files than `limits.files`',
    example: { files: { 'whitepaper.yaml': settings('limits: { files: 1 }'), 'chapters/02-two.md': chapter('Body.') } },
  },
  'frontmatter-language': {
    severity: 'error',
    summary: 'front matter in another language than YAML (`---js`…): never evaluated',
    example: { files: { 'chapters/01-one.md': lines('---js', '{ title: "One" }', '---', '', 'Body.') } },
  },
  'frontmatter-yaml': {
    severity: 'error',
    summary: 'YAML syntax error, unknown tag, more than 100 alias expansions, a list or a mapping as a key',
    example: { files: { 'chapters/01-one.md': lines('---', 'title: [One', '---', '', 'Body.') } },
  },
  'frontmatter-size': {
    severity: 'error',
    summary: 'front matter over 64 KiB',
    example: {
      files: {
        'chapters/01-one.md': lines(
          '---',
          'title: One',
          `summary: ${'A long summary. '.repeat(4200)}`,
          '---',
          '',
          'Body.',
        ),
      },
    },
  },
  'markdown-depth': {
    severity: 'error',
    summary: 'nesting deeper than `limits.depth` (found by the pre-scan, before parsing), or `[` nested over 256 deep',
    example: {
      files: {
        'whitepaper.yaml': settings('limits: { depth: 3 }'),
        'chapters/01-one.md': chapter('> > > > Four quotes deep.'),
      },
    },
  },
  'markdown-footnotes': {
    severity: 'error',
    summary: 'more than 2,000 footnotes in a file',
    example: {
      files: {
        'chapters/01-one.md': chapter(
          Array.from({ length: 2001 }, (_, n) => `Note[^${n}].\n\n[^${n}]: Its text.\n`).join('\n'),
        ),
      },
    },
  },
  'markdown-table': {
    severity: 'error',
    summary: 'a table of more than 50,000 cells',
    example: {
      files: {
        'chapters/01-one.md': chapter('| a | b |', '| - | - |', ...Array.from({ length: 25001 }, () => '| 1 | 2 |')),
      },
    },
  },
  'markdown-time': {
    severity: 'error',
    summary: 'a file over its time budget (`limits.fileTime`)',
    example: {
      none: 'it needs a file that takes seconds to parse, which no parser in the pipeline has left: `tests/hazards-input.test.ts` stops a stalled worker',
    },
  },
  'markdown-memory': {
    severity: 'error',
    summary: 'a file over the 2 GiB memory ceiling of the transform',
    example: { none: 'it needs 2 GiB of memory for one file' },
  },
  'html-swallowed': {
    severity: 'error',
    summary: 'raw HTML such as an unclosed `<noscript>` that would take the text after it',
    example: {
      files: { 'chapters/01-one.md': chapter('<noscript>', '', 'Everything after the tag.') },
      also: ['html-removed'],
    },
  },
  'image-svg-active': {
    severity: 'warning',
    summary: 'scripts, handlers or outside links removed from the published copy of an SVG image',
    example: {
      files: {
        'images/logo.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n',
        'chapters/01-one.md': chapter('![The logo](/images/logo.svg)'),
      },
    },
  },
  'chapters-missing': {
    severity: 'error',
    summary: 'a book without chapters',
    example: { files: { 'chapters/01-one.md': null } },
  },
  'cache-write': {
    severity: 'warning',
    summary: 'the build cache could not be written',
    example: { none: 'it needs a build whose cache folder cannot be written: `tests/hazards-input.test.ts`' },
  },
  'cache-integrity': {
    severity: 'warning',
    summary:
      "a build cache whose signature does not hold (changed by hand, another machine's key), or over 256 MB: ignored, every file transformed",
    example: { none: 'it needs a build cache changed by hand: `tests/cache.test.ts`' },
  },
  'settings-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in `whitepaper.yaml` (`settings-date`, `settings-languages`, …)',
    example: { files: { 'whitepaper.yaml': settings('keywords: sustainability') } },
  },
  'settings-unknown-key': {
    severity: 'error',
    summary: 'a key `whitepaper.yaml` does not have (with the nearest known one)',
    example: { files: { 'whitepaper.yaml': settings('titel: Example') } },
  },
  'chapter-frontmatter': {
    severity: 'error',
    summary: 'a chapter without front matter',
    example: { files: { 'chapters/01-one.md': lines('# One', '', 'Body.') } },
  },
  'chapter-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in a chapter’s front matter (`chapter-title`, …)',
    example: { files: { 'chapters/01-one.md': lines('---', 'title: One', 'authors: Jane Doe', '---', '', 'Body.') } },
  },
  'chapter-unknown-key': {
    severity: 'error',
    summary: 'a key chapter front matter does not have',
    example: { files: { 'chapters/01-one.md': lines('---', 'title: One', 'autor: Jane Doe', '---', '', 'Body.') } },
  },
  'chapter-file-name': {
    severity: 'error',
    summary: 'name is not `NN-slug.md`',
    example: { files: { 'chapters/01-one.md': null, 'chapters/one.md': chapter('Body.') } },
  },
  'chapter-slug-duplicate': {
    severity: 'error',
    summary: 'two chapters with one slug',
    example: { files: { 'chapters/02-one.md': chapter('Body.') } },
  },
  'case-frontmatter': {
    severity: 'error',
    summary: 'a case study without front matter',
    example: { files: { 'cases/solar-pumps.md': sections() } },
  },
  'case-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in a case’s front matter (`case-country`, `case-sdgs`, …)',
    example: { files: { 'cases/solar-pumps.md': caseStudy({ country: 'FR' }) } },
  },
  'case-unknown-key': {
    severity: 'error',
    summary: 'a key case front matter does not have',
    example: { files: { 'cases/solar-pumps.md': caseStudy({ layout: 'wide' }) } },
  },
  'case-slug': {
    severity: 'error',
    summary: 'file name is not lowercase kebab-case',
    example: { files: { 'cases/Solar_Pumps.md': caseStudy() } },
  },
  'case-placeholder': {
    severity: 'error',
    summary: 'a value or sentence `whitepaper new case` wrote is still there',
    example: { files: { 'cases/solar-pumps.md': caseStudy({ organization: 'Name of the organisation' }) } },
  },
  'case-section-missing': {
    severity: 'error',
    summary:
      'a required `##` section missing from a case study: Background, Solution, Impact, or those of the case’s language (背景, 解决方案, 影响)',
    example: { files: { 'cases/solar-pumps.md': caseStudy({}, sections('Background', 'Solution')) } },
  },
  'case-section-order': {
    severity: 'error',
    summary: 'the required sections of a case study out of order',
    example: { files: { 'cases/solar-pumps.md': caseStudy({}, sections('Solution', 'Background', 'Impact')) } },
  },
  'settings-languages': {
    severity: 'error',
    summary: 'the main `language` not first in `languages`',
    example: { files: { 'whitepaper.yaml': settings('languages: [zh, en]') } },
  },
  'settings-crossref': {
    severity: 'error',
    summary: 'a Crossref deposit (`crossref`) without the book’s DOI in `imprint.doi`, or without `baseUrl`',
    example: {
      files: {
        'whitepaper.yaml': settings('crossref:', '  depositor:', '    name: Secretariat', '    email: doi@example.org'),
      },
    },
  },
  'settings-translation-language': {
    severity: 'error',
    summary: '`translations` for a language that is not an edition',
    example: { files: { 'whitepaper.yaml': settings('translations:', '  fr:', '    title: Exemple') } },
  },
  'settings-catalogue-missing': {
    severity: 'warning',
    summary:
      'an edition language without fixed text, or with some left out (`translations.<tag>.labels`): those stay English',
    example: {
      files: {
        'whitepaper.yaml': settings('languages: [en, vi]'),
        'chapters/01-one.md': null,
        'chapters/en/01-one.md': chapter('Body.'),
        'chapters/vi/01-one.md': chapter('Nội dung.'),
      },
    },
  },
  'citation-locale-missing': {
    severity: 'warning',
    summary:
      "an edition language with no CSL locale of its own: its citations use another language's terms until `translations.<tag>.citationLocale` names a file",
    example: {
      files: {
        'whitepaper.yaml': settings('languages: [en, vi]', 'bibliography: references.bib'),
        'references.bib': entry,
        'chapters/01-one.md': null,
        'chapters/en/01-one.md': chapter('Body [@tan2024].'),
        'chapters/vi/01-one.md': chapter('Nội dung [@tan2024].'),
      },
      also: ['settings-catalogue-missing'],
    },
  },
  'chapter-language-folder': {
    severity: 'error',
    summary: 'a chapter directly in `chapters/` of a book with `languages`',
    example: {
      files: { 'whitepaper.yaml': settings('languages: [en, zh]'), 'chapters/zh/01-one.md': chapter('正文。') },
      also: ['translation-orphan'],
    },
  },
  'translation-missing': {
    severity: 'warning',
    summary: 'a chapter without a translation in an edition (the original is shown)',
    example: {
      files: {
        'whitepaper.yaml': settings('languages: [en, zh]'),
        'chapters/01-one.md': null,
        'chapters/en/01-one.md': chapter('Body.'),
        'chapters/en/02-two.md': chapter('Body.'),
        'chapters/zh/01-one.md': chapter('正文。'),
      },
    },
  },
  'translation-structure': {
    severity: 'warning',
    summary: 'a translation without the `part` or `keyMessages` of its original (the edition differs in shape)',
    example: {
      files: {
        'whitepaper.yaml': settings('languages: [en, zh]'),
        'chapters/01-one.md': null,
        'chapters/en/01-one.md': lines('---', 'title: One', 'keyMessages: [Coverage grew.]', '---', '', 'Body.'),
        'chapters/zh/01-one.md': chapter('正文。'),
      },
    },
  },
  'translation-orphan': {
    severity: 'warning',
    summary: 'a translation of a chapter that does not exist (left out)',
    example: {
      files: {
        'whitepaper.yaml': settings('languages: [en, zh]'),
        'chapters/01-one.md': null,
        'chapters/en/01-one.md': chapter('Body.'),
        'chapters/zh/01-one.md': chapter('正文。'),
        'chapters/zh/02-two.md': chapter('正文。'),
      },
    },
  },
  'case-title-duplicate': {
    severity: 'warning',
    summary: 'two cases with the same title',
    example: { files: { 'cases/solar-pumps.md': caseStudy(), 'cases/solar-pumps-2.md': caseStudy() } },
  },
  'awards-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in the awards file',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(),
        'cases/awards.yaml': lines(
          'tiers:',
          '  - id: Grand Award',
          '    label: Grand Award',
          '    cases: [solar-pumps]',
        ),
      },
    },
  },
  'awards-unknown-key': {
    severity: 'error',
    summary: 'a key the awards file does not have',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(),
        'cases/awards.yaml': lines(
          'tiers:',
          '  - id: grand',
          '    label: Grand Award',
          '    colour: gold',
          '    cases: [solar-pumps]',
        ),
      },
    },
  },
  'awards-tier-duplicate': {
    severity: 'error',
    summary: 'a tier listed twice',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(),
        'cases/awards.yaml': lines(
          'tiers:',
          '  - id: grand',
          '    label: Grand Award',
          '    cases: [solar-pumps]',
          '  - id: grand',
          '    label: Grand Prize',
          '    cases: []',
        ),
      },
    },
  },
  'awards-case-unknown': {
    severity: 'error',
    summary: 'a case slug no case study has',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(),
        'cases/awards.yaml': lines('tiers:', '  - id: grand', '    label: Grand Award', '    cases: [solar-pump]'),
      },
    },
  },
  'awards-case-duplicate': {
    severity: 'error',
    summary: 'a case in two tiers',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(),
        'cases/awards.yaml': lines(
          'tiers:',
          '  - id: grand',
          '    label: Grand Award',
          '    cases: [solar-pumps]',
          '  - id: merit',
          '    label: Award of Merit',
          '    cases: [solar-pumps]',
        ),
      },
    },
  },
  'image-remote': {
    severity: 'error or warning',
    summary:
      'an image URL (remote, `data:`, `file:`): an error in a case; in a chapter a warning, and the image gives way to its alt text',
    example: { files: { 'chapters/01-one.md': chapter('![A map of the region](https://example.org/map.png)') } },
  },
  'image-path': {
    severity: 'error',
    summary: 'an image path that escapes the project (after symlinks)',
    example: { files: { 'chapters/01-one.md': chapter('![A map of the region](../../map.png)') } },
  },
  'image-missing': {
    severity: 'error',
    summary: 'no such file (`/x.png` is relative to the root)',
    example: { files: { 'chapters/01-one.md': chapter('![A map of the region](/images/map.png)') } },
  },
  'image-alt': {
    severity: 'error or warning',
    summary: 'an image without alt text (an error in cases, a warning in chapters)',
    example: { files: { 'images/logo.svg': logo, 'chapters/01-one.md': chapter('![](/images/logo.svg)') } },
  },
  'html-removed': {
    severity: 'warning',
    summary:
      'raw HTML the sanitiser removed with its content, unwrapped (text kept), or whose attributes or URLs it dropped: one per block',
    example: { files: { 'chapters/01-one.md': chapter('<iframe src="https://example.org/"></iframe>') } },
  },
  'link-unresolved': {
    severity: 'warning',
    summary: 'a link to a chapter, case or heading the book does not have',
    example: { files: { 'chapters/01-one.md': chapter('See [the method](#method).') } },
  },
  'glyph-missing': {
    severity: 'warning',
    summary: 'a character no installed font covers',
    example: { files: { 'chapters/01-one.md': chapter('The sign 𒀭 is cuneiform.') } },
  },
  'xref-undefined': {
    severity: 'error',
    summary: 'a reference to an unknown label',
    example: { files: { 'chapters/01-one.md': chapter('As @fig:growth shows.') } },
  },
  'xref-duplicate': {
    severity: 'error',
    summary: 'a label defined twice',
    example: {
      files: {
        'chapters/01-one.md': chapter('## Method {#sec:method}', '', 'A.', '', '## Results {#sec:method}', '', 'B.'),
      },
    },
  },
  'math-invalid': {
    severity: 'error',
    summary: 'a formula KaTeX cannot read (at the character it stopped at)',
    example: { files: { 'chapters/01-one.md': chapter('The ratio $\\frac{1}$ holds.') } },
  },
  'math-unclosed': {
    severity: 'error',
    summary: 'a `$$` never closed',
    example: { files: { 'chapters/01-one.md': chapter('$$', 'E = mc^2') } },
  },
  'math-dollar': {
    severity: 'warning',
    summary: '`$5 and $10` read as money, not a formula',
    example: { files: { 'chapters/01-one.md': chapter('It costs $5 and $10.') } },
  },
  'chart-yaml': {
    severity: 'error',
    summary: "a chart block's YAML (an alias bomb, a collection as a key)",
    example: { files: { 'chapters/01-one.md': chapter(...chart('? [a, b]', ': c')) } },
  },
  'chart-spec': {
    severity: 'error',
    summary: "a chart's specification or data Vega-Lite cannot use (its reason; its warnings are warnings)",
    example: {
      files: {
        'chapters/01-one.md': chapter(...chart('caption: Growth', 'mark: pie-slice', 'data: { values: [{ a: 1 }] }')),
      },
    },
  },
  'chart-label': {
    severity: 'error',
    summary: 'something after `chart` that is not `{#fig:label}`',
    example: {
      files: {
        'chapters/01-one.md': chapter(
          '```chart fig:growth',
          'alt: Bars of growth by year.',
          'caption: Growth',
          'mark: bar',
          'data: { values: [{ a: 1 }] }',
          'encoding: { x: { field: a, type: quantitative } }',
          '```',
        ),
      },
    },
  },
  'chart-case': {
    severity: 'error',
    summary: 'a chart block in a case (left as code)',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(
          {},
          sections('Background', 'Solution', 'Impact').replace('I.', chart('caption: Growth', 'mark: bar').join('\n')),
        ),
      },
    },
  },
  'chart-caption': {
    severity: 'warning',
    summary: 'a chart without a caption',
    example: {
      files: {
        'chapters/01-one.md': chapter(
          ...chart('mark: bar', 'data: { values: [{ a: 1 }] }', 'encoding: { x: { field: a, type: quantitative } }'),
        ),
      },
    },
  },
  'chart-text-small': {
    severity: 'warning',
    summary: 'a chart whose text would print under 7 pt even on a landscape page',
    example: {
      files: {
        'chapters/01-one.md': chapter(
          ...chart(
            'caption: Growth',
            'width: 4000',
            'mark: bar',
            'data: { values: [{ a: 1 }] }',
            'encoding: { x: { field: a, type: quantitative } }',
          ),
        ),
      },
    },
  },
  'caption-numbered': {
    severity: 'warning',
    summary: 'a caption that opens with its own number ("Figure 4-3:")',
    example: {
      files: {
        'chapters/01-one.md': chapter(
          ...chart(
            'caption: "Figure 4-3: Growth"',
            'mark: bar',
            'data: { values: [{ a: 1 }] }',
            'encoding: { x: { field: a, type: quantitative } }',
          ),
        ),
      },
    },
  },
  'chapter-folder-unread': {
    severity: 'warning',
    summary: 'Markdown files in a `chapters/` folder no edition reads',
    example: { files: { 'chapters/drafts/01-old.md': chapter('Body.') } },
  },
  'citation-undefined': {
    severity: 'error',
    summary: 'a citation key not in the bibliography',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': entry,
        'chapters/01-one.md': chapter('As measured [@lee2023].'),
      },
    },
  },
  'citation-broken': {
    severity: 'error',
    summary: 'a citation whose entry could not be read',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': lines('@report{lee2023,', '  title = {Unclosed', '}'),
        'chapters/01-one.md': chapter('As measured [@lee2023].'),
      },
      also: ['bibliography-parse'],
    },
  },
  'bibliography-parse': {
    severity: 'warning or error',
    summary: 'a bibliography entry that cannot be read, with the reason (an error where it is cited)',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': `${entry}${lines('@report{lee2023,', '  title = {Unclosed', '}')}`,
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'bibliography-duplicate': {
    severity: 'error',
    summary: 'a bibliography key twice',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': `${entry}${entry}`,
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'bibliography-field-dropped': {
    severity: 'warning',
    summary: 'a field no CSL variable holds',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': entry.replace('year', 'mrnumber = {12345},\n  year'),
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'bibliography-latex': {
    severity: 'warning',
    summary: 'a LaTeX command printed as written',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': entry.replace('Water pumps', 'Water \\foo{pumps}'),
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'bibliography-xdata': {
    severity: 'warning',
    summary: 'an unknown `xdata` key',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': entry.replace('year', 'xdata = {series},\n  year'),
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'bibliography-set': {
    severity: 'warning or error',
    summary:
      'a `@set` member that does not exist, left out of the set (a set left without members is an error where it is cited)',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib'),
        'references.bib': `${entry}${lines('@set{both,', '  entryset = {tan2024, lee2023}', '}')}`,
        'chapters/01-one.md': chapter('As measured [@both].'),
      },
    },
  },
  'settings-citation-style': {
    severity: 'error',
    summary: 'a citation style that is missing, empty, dependent or unreadable',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib', 'citationStyle: styles/house.csl'),
        'references.bib': entry,
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'settings-citation-locale': {
    severity: 'error',
    summary: 'a citation locale file that is not a CSL locale',
    example: {
      files: {
        'whitepaper.yaml': settings('bibliography: references.bib', 'citationLocale: locale.xml'),
        'references.bib': entry,
        'locale.xml': '<notes/>\n',
        'chapters/01-one.md': chapter('As measured [@tan2024].'),
      },
    },
  },
  'print-request-blocked': {
    severity: 'warning',
    summary: 'the print page asked for something outside the build',
    example: {
      none: 'it needs the print step of a build, whose page asks for a file outside the build: `tests/hazards.test.ts`',
    },
  },
  'heading-skip': {
    severity: 'warning',
    summary: 'a heading level skipped (or the body starting below `##`)',
    example: { files: { 'chapters/01-one.md': chapter('### Method', '', 'Body.') } },
  },
  'heading-duplicate': {
    severity: 'warning',
    summary: 'the same heading twice in a file',
    example: { files: { 'chapters/01-one.md': chapter('## Method', '', 'A.', '', '## Method', '', 'B.') } },
  },
  'link-empty': {
    severity: 'warning',
    summary: 'a link without text or without a URL',
    example: { files: { 'chapters/01-one.md': chapter('A [link]() without a URL.') } },
  },
  'paragraph-long': {
    severity: 'warning',
    summary: 'a case-study paragraph over 200 words',
    example: {
      files: {
        'cases/solar-pumps.md': caseStudy(
          {},
          sections('Background', 'Solution', 'Impact').replace('B.', 'Many words. '.repeat(110).trim()),
        ),
      },
    },
  },
  'image-resolution': {
    severity: 'warning',
    summary:
      'a raster image that prints below 150 dpi (raster images print at their CSS size, 96 px to the inch, at most the 136 mm column: an image needs about 800 px to fill the column at 150 dpi)',
    example: { none: 'it needs a raster image: `tests/fixtures/transform/image-resolution`' },
  },
  'review-format': {
    severity: 'error',
    summary: 'a line of a comments file (`review/…jsonl`) that is not a comment: JSON, its fields, their limits',
    example: {
      files: { 'review/chapters/01-one.jsonl': lines('{"id": "urn:uuid:1234", "body": "<b>Old figure</b>"}') },
    },
  },
  'review-comment': {
    severity: 'info',
    summary: "a reviewer's open comment, where its text now stands, with the commenter and the body's first line",
    example: {
      files: {
        'chapters/01-one.md': chapter('Coverage reached 81% of households in 2024.'),
        'review/chapters/01-one.jsonl': lines(
          comment('Is this the 2025 figure?', '81% of households', 'Coverage reached ', ' in 2024.'),
        ),
      },
    },
  },
  'review-orphaned': {
    severity: 'warning',
    summary: 'a comment whose text is gone from its source (at its line of the comments file); `--frail` ignores it',
    example: {
      files: { 'review/chapters/01-one.jsonl': lines(comment('Is this the 2025 figure?', '81% of households')) },
    },
  },
  'criteria-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in `judging/criteria.yaml` (`criteria-scale`, `criteria-guide`, …)',
    example: {
      files: judging({ 'judging/criteria.yaml': criteriaFile().replace('scale: [1, 3]', 'scale: [3, 1]') }),
    },
  },
  'criteria-unknown-key': {
    severity: 'error',
    summary: 'a key `judging/criteria.yaml` does not have',
    example: { files: judging({ 'judging/criteria.yaml': criteriaFile('colour: red') }) },
  },
  'criteria-duplicate': {
    severity: 'error',
    summary: 'a criterion listed twice',
    example: {
      files: judging({
        'judging/criteria.yaml': criteriaFile(
          '  - id: impact',
          '    label: Reach',
          '    weight: 1',
          '    scale: [1, 2]',
          '    guide: [Local, Wide]',
        ).replace('criteria:\n', 'criteria:\n'),
      }),
    },
  },
  'judges-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in `judging/judges.yaml` (`judges-committees`, …)',
    example: { files: judging({ 'judging/judges.yaml': judgesFile().replace('[esg]', '[ethics]') }) },
  },
  'judges-unknown-key': {
    severity: 'error',
    summary: 'a key `judging/judges.yaml` does not have',
    example: { files: judging({ 'judging/judges.yaml': judgesFile('    email: tan@example.org') }) },
  },
  'judges-duplicate': {
    severity: 'error',
    summary: 'a judge listed twice',
    example: {
      files: judging({
        'judging/judges.yaml': judgesFile(
          '  - id: tan',
          '    name: Tan Wei',
          '    organization: Another Lab',
          '    committees: [esg]',
        ),
      }),
    },
  },
  'judges-case-unknown': {
    severity: 'error',
    summary: 'a conflict or an assignment naming a case no case study has',
    example: { files: judging({ 'judging/judges.yaml': judgesFile('    conflicts: [solar-pump]') }) },
  },
  'judges-unknown': {
    severity: 'error',
    summary: 'a score sheet or an assignment of a judge `judging/judges.yaml` does not have',
    example: { files: judging({ 'judging/scores/lee.csv': lines('case,impact,novelty,comment', 'solar-pumps,3,2,') }) },
  },
  'assignments-<key>': {
    severity: 'error',
    summary: 'a wrong key in `judging/assignments.yaml` (`whitepaper judging assign` writes it)',
    example: { files: judging({ 'judging/assignments.yaml': lines('assignments: [tan]') }) },
  },
  'judging-conflict': {
    severity: 'error',
    summary:
      "a judge assigned to, or scoring, a case they have a conflict with (declared, or their organisation is the case's): the score is not counted",
    example: {
      files: judging({
        'judging/judges.yaml': judgesFile().replace('Example University', 'EXAMPLE WATER-TRUST'),
        'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pumps,3,2,'),
      }),
    },
  },
  'scores-format': {
    severity: 'error',
    summary: 'a score sheet whose header lacks `case` or a criterion, or with an unclosed quote',
    example: { files: judging({ 'judging/scores/tan.csv': lines('case,impact,comment', 'solar-pumps,3,') }) },
  },
  'scores-case-unknown': {
    severity: 'error',
    summary: 'a score sheet row for a case no case study has',
    example: { files: judging({ 'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pump,3,2,') }) },
  },
  'scores-duplicate': {
    severity: 'error',
    summary: 'a case scored twice in one sheet',
    example: {
      files: judging({
        'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pumps,3,2,', 'solar-pumps,2,2,'),
      }),
    },
  },
  'scores-missing': {
    severity: 'error',
    summary: 'a criterion left without a score',
    example: { files: judging({ 'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pumps,3,,') }) },
  },
  'scores-range': {
    severity: 'error',
    summary: "a score that is not a whole number on its criterion's scale",
    example: { files: judging({ 'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pumps,4,2,') }) },
  },
  'scores-screened-out': {
    severity: 'error',
    summary: 'a score of a case the screening round left out: the row is not counted',
    example: {
      files: judging({
        'judging/criteria.yaml': criteriaFile(...screeningRound),
        'judging/screening/tan.csv': lines('case,verdict,comment', 'solar-pumps,fail,Outside the region'),
        'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pumps,3,2,'),
      }),
    },
  },
  'screening-verdict': {
    severity: 'error',
    summary: 'a screening verdict other than `pass` or `fail`',
    example: {
      files: judging({
        'judging/criteria.yaml': criteriaFile(...screeningRound),
        'judging/screening/tan.csv': lines('case,verdict,comment', 'solar-pumps,yes,'),
      }),
    },
  },
  'screening-unset': {
    severity: 'error',
    summary: 'a screening sheet when the criteria have no `screening:` round',
    example: {
      files: judging({ 'judging/screening/tan.csv': lines('case,verdict,comment', 'solar-pumps,pass,') }),
    },
  },
  'awards-screened-out': {
    severity: 'warning',
    summary: 'an award of a case the screening round left out, in a tier without a `reason:`',
    example: {
      files: judging({
        'judging/criteria.yaml': criteriaFile(...screeningRound),
        'judging/screening/tan.csv': lines('case,verdict,comment', 'solar-pumps,fail,'),
        'cases/awards.yaml': lines('tiers:', '  - id: grand', '    label: Grand Award', '    cases: [solar-pumps]'),
      }),
    },
  },
  'submission-format': {
    severity: 'error',
    summary: 'a submitted file that is neither a `.zip` nor a `.md`, or a damaged or encrypted zip',
    example: { none: 'a submission is read by `whitepaper import`, not by `check`: `tests/submit.test.ts` breaks it' },
  },
  'submission-entry': {
    severity: 'error',
    summary:
      'a file in a submission other than `cases/<slug>.md` and its images in `cases/images/<slug>/`: a path leaving the folder, absolute, a link, another type of file, a second case',
    example: { none: 'a submission is read by `whitepaper import`, not by `check`: `tests/submit.test.ts` breaks it' },
  },
  'submission-size': {
    severity: 'error',
    summary: 'a submission, or a file in it, larger than its limit (checked as it unpacks: a zip bomb stops there)',
    example: { none: 'a submission is read by `whitepaper import`, not by `check`: `tests/submit.test.ts` breaks it' },
  },
  'submission-image': {
    severity: 'error',
    summary:
      'an image a submission brings whose name, type (told by its bytes) or size it may not have, or more images than a case may have',
    example: {
      none: 'a submission is read by `whitepaper import` and the form, not by `check`: `tests/submit.test.ts` breaks it',
    },
  },
  'submission-exists': {
    severity: 'error',
    summary: 'a submitted case whose slug the book has already, imported without `--replace`',
    example: { none: 'a submission is read by `whitepaper import`, not by `check`: `tests/submit.test.ts` breaks it' },
  },
  'awards-ranking': {
    severity: 'warning',
    summary: 'an award above a case the judges ranked higher in the committee, in a tier without a `reason:`',
    example: {
      files: judging({
        'cases/wind-pumps.md': caseStudy({ title: 'Wind Pumps for Island Schools' }),
        'judging/scores/tan.csv': lines('case,impact,novelty,comment', 'solar-pumps,3,3,', 'wind-pumps,1,2,'),
        'cases/awards.yaml': lines('tiers:', '  - id: grand', '    label: Grand Award', '    cases: [wind-pumps]'),
      }),
    },
  },
} as const satisfies Record<string, Rule>;

/** The front-matter schemas, as their rules' ids begin. */
export type Scope = 'settings' | 'chapter' | 'case' | 'awards' | 'criteria' | 'judges' | 'assignments';

/** Ids of the front-matter families: one rule per key of a schema. */
type Family = `${Scope}-${string}`;

/** A rule id: one of the registry's, or of a front-matter family. */
export type RuleId = keyof typeof rules | Family;

/**
 * The table of messages, as Markdown: one row per rule.
 *
 * @returns The table, with its header.
 */
export function rulesTable(): string {
  const rows = Object.entries(rules).map(
    ([id, rule]: [string, Rule]) => `| \`${id}\` | ${rule.severity} | ${rule.summary.replaceAll('|', '\\|')} |`,
  );
  return ['| rule id | severity | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
