/**
 * Citations of every file and a bibliography → formatted citations and the list of references.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { citationJs, type Bibliography } from '../load/bibliography.js';
import { escapeHtml } from '../escape-html.js';
import { error } from '../message.js';
import type { Citation } from '../types.js';

/** Formatted citations and references, as HTML from citeproc. */
export interface Cited {
  /** `<cite>` element id → citation HTML, such as `(Smith &#38; Lee, 2020, p. 12)`. */
  citations: Map<string, string>;
  /** Cited key → its entry in the list of references. */
  references: { key: string; id: string; html: string }[];
}

/** Styles citation-js ships; anything else is a path to a `.csl` file. */
const bundledStyles = new Set(['apa', 'vancouver', 'harvard1']);

/** Id of a reference entry. */
export const referenceId = (key: string) => `ref-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Format every citation with one citeproc engine over the book, so that numbering (numeric
 * styles) follows the order of first citation and author-date ambiguities are resolved. Unknown
 * keys are errors at the citation.
 *
 * @param citations Citations in book order, with their files.
 * @param bibliography The works that can be cited.
 * @param options CSL style (bundled name or path) and language.
 * @returns Formatted citations and references; empty when nothing is cited.
 */
export async function formatCitations(
  citations: readonly { file: VFile; citation: Citation }[],
  bibliography: Bibliography | undefined,
  options: { root: string; style: string; language: string; settingsFile: VFile },
): Promise<Cited> {
  const cited: Cited = { citations: new Map(), references: [] };
  const valid = citations.filter(({ file, citation }) => {
    const unknown = citation.items.filter((item) => !bibliography?.items.has(item.id));
    for (const item of unknown) {
      const reason = bibliography ? `Unexpected citation key \`@${item.id}\`, expected a key of \`${bibliography.file.path}\`` : `Unexpected citation \`@${item.id}\`, expected a \`bibliography\` in whitepaper.yaml`;
      error(file, reason, citation.position, 'citation-undefined');
    }
    return unknown.length === 0;
  });
  if (!bibliography || valid.length === 0) return cited;
  const { plugins } = await citationJs();
  const csl = plugins.config.get('@csl');
  let style = options.style;
  if (!bundledStyles.has(style)) {
    try {
      const xml = await readFile(join(options.root, style), 'utf8');
      style = `file:${style}`;
      csl.templates.add(style, xml);
    } catch {
      error(options.settingsFile, `Missing citation style \`${options.style}\`, expected \`apa\`, \`vancouver\`, \`harvard1\` or a path to a .csl file`, { line: 1, column: 1 }, 'settings-citationStyle');
      return cited;
    }
  }
  const order = [...new Set(valid.flatMap(({ citation }) => citation.items.map((item) => item.id)))];
  const engine = csl.engine(
    order.map((key) => bibliography.items.get(key)).filter((item) => item !== undefined),
    style,
    localeFor(options.language, (name) => csl.locales.has(name)),
    'html',
  );
  engine.updateItems(order);
  for (const { citation } of valid) {
    const items = citation.items.map((item) => ({ id: item.id, ...(item.locator ? { locator: item.locator } : {}), ...(item.label ? { label: item.label } : {}) }));
    let html = engine.makeCitationCluster(items);
    if (citation.mode === 'narrative') {
      // Numeric styles print no author form in citations: name the authors from the data.
      const authors = engine.makeCitationCluster(items.map((item) => ({ ...item, 'author-only': true })));
      const named = authors.includes('NO_PRINTED_FORM') || authors.trim() === '' ? escapeHtml(authorNames(bibliography.items.get(items[0]?.id ?? ''))) : authors;
      const rest = engine.makeCitationCluster(items.map((item) => ({ ...item, 'suppress-author': true })));
      html = `${named} ${rest.includes('NO_PRINTED_FORM') ? html : rest}`;
    }
    cited.citations.set(citation.id, html);
  }
  const bibliographyResult = engine.makeBibliography();
  if (bibliographyResult) {
    const [meta, entries] = bibliographyResult;
    for (const [index, html] of entries.entries()) {
      const key = meta.entry_ids[index]?.[0] ?? '';
      cited.references.push({ key, id: referenceId(key), html: html.trim() });
    }
  }
  return cited;
}

/** "Smith", "Smith and Lee", "Smith et al." from a CSL item. */
function authorNames(item: { [field: string]: unknown } | undefined): string {
  const names = Array.isArray(item?.["author"]) ? (item["author"] as { family?: string; literal?: string }[]).map((name) => name.family ?? name.literal ?? '') : [];
  if (names.length === 0) return '';
  if (names.length === 1) return names[0] ?? '';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names[0]} et al.`;
}

/** The CSL locale for a BCP 47 language: exact, then by language, then en-US. */
function localeFor(language: string, has: (name: string) => boolean): string {
  const [base = 'en'] = language.split('-');
  const candidates = [language, `${base}-${base.toUpperCase()}`, base === 'en' ? 'en-US' : ''];
  return candidates.find((name) => name && has(name)) ?? 'en-US';
}
