/**
 * The rule registry: every problem the pipeline reports has an id here, with its severity and
 * what it means. Messages name their rule by this id (`message.ts` types it); the guide's table of
 * messages is generated from this list (`docs/messages.md`, checked by `tests/rules.test.ts`), so
 * a rule cannot ship without its line. An id with `<key>` stands for a family: one rule per key of
 * a front-matter schema (`settings-date`, `case-country`).
 */

/** How a rule's problems are reported. */
export type Severity = 'error' | 'warning' | 'error or warning' | 'warning or error';

/** One rule. */
export interface Rule {
  severity: Severity;
  /** What it means, completing "a rule for …": the table of messages shows it. */
  summary: string;
}

/** Every rule, in the order the guide lists them. */
export const rules = {
  'file-read': {
    severity: 'error',
    summary: 'a file missing or unreadable, not a regular file, or outside the project (after links)',
  },
  'file-size': { severity: 'error', summary: 'a file larger than `limits.fileSize`' },
  'file-encoding': { severity: 'error', summary: 'a file not in UTF-8 (a BOM and CRLF are fine)' },
  'limits-files': { severity: 'error', summary: 'more Markdown files than `limits.files`' },
  'frontmatter-language': {
    severity: 'error',
    summary: 'front matter in another language than YAML (`---js`…): never evaluated',
  },
  'frontmatter-yaml': {
    severity: 'error',
    summary: 'YAML syntax error, unknown tag, more than 100 alias expansions, a list or a mapping as a key',
  },
  'frontmatter-size': { severity: 'error', summary: 'front matter over 64 KiB' },
  'markdown-depth': {
    severity: 'error',
    summary: 'nesting deeper than `limits.depth` (found by the pre-scan, before parsing), or `[` nested over 256 deep',
  },
  'markdown-footnotes': { severity: 'error', summary: 'more than 2,000 footnotes in a file' },
  'markdown-table': { severity: 'error', summary: 'a table of more than 50,000 cells' },
  'markdown-time': { severity: 'error', summary: 'a file over its time budget (`limits.fileTime`)' },
  'markdown-memory': { severity: 'error', summary: 'a file over the 2 GiB memory ceiling of the transform' },
  'html-swallowed': {
    severity: 'error',
    summary: 'raw HTML such as an unclosed `<noscript>` that would take the text after it',
  },
  'image-svg-active': {
    severity: 'warning',
    summary: 'scripts, handlers or outside links removed from the published copy of an SVG image',
  },
  'chapters-missing': { severity: 'error', summary: 'a book without chapters' },
  'cache-write': { severity: 'warning', summary: 'the build cache could not be written' },
  'cache-integrity': {
    severity: 'warning',
    summary:
      "a build cache whose signature does not hold (changed by hand, another machine's key), or over 256 MB: ignored, every file transformed",
  },
  'settings-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in `whitepaper.yaml` (`settings-date`, `settings-languages`, …)',
  },
  'settings-unknown-key': {
    severity: 'error',
    summary: 'a key `whitepaper.yaml` does not have (with the nearest known one)',
  },
  'chapter-frontmatter': { severity: 'error', summary: 'a chapter without front matter' },
  'chapter-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in a chapter’s front matter (`chapter-title`, …)',
  },
  'chapter-unknown-key': { severity: 'error', summary: 'a key chapter front matter does not have' },
  'chapter-file-name': { severity: 'error', summary: 'name is not `NN-slug.md`' },
  'chapter-slug-duplicate': { severity: 'error', summary: 'two chapters with one slug' },
  'case-frontmatter': { severity: 'error', summary: 'a case study without front matter' },
  'case-<key>': {
    severity: 'error',
    summary: 'a wrong or missing key in a case’s front matter (`case-country`, `case-sdgs`, …)',
  },
  'case-unknown-key': { severity: 'error', summary: 'a key case front matter does not have' },
  'case-slug': { severity: 'error', summary: 'file name is not lowercase kebab-case' },
  'case-placeholder': { severity: 'error', summary: 'a value or sentence `whitepaper new case` wrote is still there' },
  'case-section-missing': {
    severity: 'error',
    summary:
      'a required `##` section missing from a case study: Background, Solution, Impact, or those of the case’s language (背景, 解决方案, 影响)',
  },
  'case-section-order': { severity: 'error', summary: 'the required sections of a case study out of order' },
  'settings-languages': { severity: 'error', summary: 'the main `language` not first in `languages`' },
  'settings-translation-language': {
    severity: 'error',
    summary: '`translations` for a language that is not an edition',
  },
  'settings-catalogue-missing': {
    severity: 'warning',
    summary:
      'an edition language without fixed text, or with some left out (`translations.<tag>.labels`): those stay English',
  },
  'citation-locale-missing': {
    severity: 'warning',
    summary:
      "an edition language with no CSL locale of its own: its citations use another language's terms until `translations.<tag>.citationLocale` names a file",
  },
  'chapter-language-folder': {
    severity: 'error',
    summary: 'a chapter directly in `chapters/` of a book with `languages`',
  },
  'translation-missing': {
    severity: 'warning',
    summary: 'a chapter without a translation in an edition (the original is shown)',
  },
  'translation-structure': {
    severity: 'warning',
    summary: 'a translation without the `part` or `keyMessages` of its original (the edition differs in shape)',
  },
  'translation-orphan': { severity: 'warning', summary: 'a translation of a chapter that does not exist (left out)' },
  'case-title-duplicate': { severity: 'warning', summary: 'two cases with the same title' },
  'awards-<key>': { severity: 'error', summary: 'a wrong or missing key in the awards file' },
  'awards-unknown-key': { severity: 'error', summary: 'a key the awards file does not have' },
  'awards-tier-duplicate': { severity: 'error', summary: 'a tier listed twice' },
  'awards-case-unknown': { severity: 'error', summary: 'a case slug no case study has' },
  'awards-case-duplicate': { severity: 'error', summary: 'a case in two tiers' },
  'image-remote': {
    severity: 'error or warning',
    summary:
      'an image URL (remote, `data:`, `file:`): an error in a case; in a chapter a warning, and the image gives way to its alt text',
  },
  'image-path': { severity: 'error', summary: 'an image path that escapes the project (after symlinks)' },
  'image-missing': { severity: 'error', summary: 'no such file (`/x.png` is relative to the root)' },
  'image-alt': {
    severity: 'error or warning',
    summary: 'an image without alt text (an error in cases, a warning in chapters)',
  },
  'html-removed': {
    severity: 'warning',
    summary:
      'raw HTML the sanitiser removed with its content, unwrapped (text kept), or whose attributes or URLs it dropped: one per block',
  },
  'link-unresolved': { severity: 'warning', summary: 'a link to a chapter, case or heading the book does not have' },
  'glyph-missing': { severity: 'warning', summary: 'a character no installed font covers' },
  'xref-undefined': { severity: 'error', summary: 'a reference to an unknown label' },
  'xref-duplicate': { severity: 'error', summary: 'a label defined twice' },
  'math-invalid': { severity: 'error', summary: 'a formula KaTeX cannot read (at the character it stopped at)' },
  'math-unclosed': { severity: 'error', summary: 'a `$$` never closed' },
  'math-dollar': { severity: 'warning', summary: '`$5 and $10` read as money, not a formula' },
  'chart-yaml': { severity: 'error', summary: "a chart block's YAML (an alias bomb, a collection as a key)" },
  'chart-spec': {
    severity: 'error',
    summary: "a chart's specification or data Vega-Lite cannot use (its reason; its warnings are warnings)",
  },
  'chart-label': { severity: 'error', summary: 'something after `chart` that is not `{#fig:label}`' },
  'chart-case': { severity: 'error', summary: 'a chart block in a case (left as code)' },
  'chart-caption': { severity: 'warning', summary: 'a chart without a caption' },
  'chart-text-small': {
    severity: 'warning',
    summary: 'a chart whose text would print under 7 pt even on a landscape page',
  },
  'caption-numbered': { severity: 'warning', summary: 'a caption that opens with its own number ("Figure 4-3:")' },
  'chapter-folder-unread': { severity: 'warning', summary: 'Markdown files in a `chapters/` folder no edition reads' },
  'citation-undefined': { severity: 'error', summary: 'a citation key not in the bibliography' },
  'citation-broken': { severity: 'error', summary: 'a citation whose entry could not be read' },
  'bibliography-parse': {
    severity: 'warning or error',
    summary: 'a bibliography entry that cannot be read, with the reason (an error where it is cited)',
  },
  'bibliography-duplicate': { severity: 'error', summary: 'a bibliography key twice' },
  'bibliography-field-dropped': { severity: 'warning', summary: 'a field no CSL variable holds' },
  'bibliography-latex': { severity: 'warning', summary: 'a LaTeX command printed as written' },
  'bibliography-xdata': { severity: 'warning', summary: 'an unknown `xdata` key' },
  'bibliography-set': { severity: 'warning', summary: 'a `@set` member that does not exist' },
  'settings-citation-style': {
    severity: 'error',
    summary: 'a citation style that is missing, empty, dependent or unreadable',
  },
  'settings-citation-locale': { severity: 'error', summary: 'a citation locale file that is not a CSL locale' },
  'print-request-blocked': { severity: 'warning', summary: 'the print page asked for something outside the build' },
  'heading-skip': { severity: 'warning', summary: 'a heading level skipped (or the body starting below `##`)' },
  'heading-duplicate': { severity: 'warning', summary: 'the same heading twice in a file' },
  'link-empty': { severity: 'warning', summary: 'a link without text or without a URL' },
  'paragraph-long': { severity: 'warning', summary: 'a case-study paragraph over 200 words' },
  'image-resolution': {
    severity: 'warning',
    summary:
      'a raster image that prints below 150 dpi (raster images print at their CSS size, 96 px to the inch, at most the 136 mm column: an image needs about 800 px to fill the column at 150 dpi)',
  },
} as const satisfies Record<string, Rule>;

/** The front-matter schemas, as their rules' ids begin. */
export type Scope = 'settings' | 'chapter' | 'case' | 'awards';

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
