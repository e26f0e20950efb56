/**
 * Citations of every file and a bibliography → formatted citations and the list of references.
 */
import { languageFor } from '../data/languages/index.js';
import { cjk } from '../data/scripts.js';
import type { VFile } from 'vfile';
import { escapeHtml } from '../shared/escape-html.js';
import { error } from '../model/message.js';
import { suggestName } from '../shared/suggest.js';
import type { Citation, Cited } from '../model/types.js';
import type { Bibliography } from './bibliography.js';
import type { ClusterItem, CslItem, Formatted, NotePlace } from './engine.js';
import { othersName, withEtAl } from './csl-json.js';

export type { Cited };

/** Nothing cited. */
export const noCitations = (): Cited => ({ citations: new Map(), references: [], notes: false });

/**
 * Id of a reference entry.
 *
 * @param key Citation key.
 * @returns An id safe in HTML and as a PDF destination.
 */
export const referenceId = (key: string) => `ref-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Formats clusters with the engine of one edition. */
export type Formatter = (
  order: string[],
  clusters: ClusterItem[][],
  notes?: readonly NotePlace[],
) => Promise<Formatted>;

/**
 * Format every citation with one citeproc engine over the book, so that numbering (numeric
 * styles) follows the order of first citation and author-date ambiguities are resolved. Unknown
 * keys are errors at the citation; a key whose entry could not be read is an error at the
 * citation and makes the entry's warning an error; a `@set` cites its members.
 *
 * @param citations Citations in book order, with their files.
 * @param bibliography The works that can be cited.
 * @param language The edition's language (for author names in numeric styles).
 * @param format The engine of the book's style and locale, asked for only when something is cited.
 * @param notes For a style of class `note`: each citation's footnote (by citation id). Each
 *   citation is then one footnote's text, formatted in the order of the notes; a narrative one
 *   also names its authors for the running text.
 * @returns Formatted citations and references; empty when nothing is cited.
 */
export async function formatCitations(
  citations: readonly { file: VFile; citation: Citation }[],
  bibliography: Bibliography | undefined,
  language: string,
  format: Formatter | undefined,
  notes?: ReadonlyMap<string, NotePlace>,
): Promise<Cited> {
  const cited = noCitations();
  const valid = citations.filter(({ file, citation }) => {
    let usable = true;
    for (const item of citation.items) {
      if (bibliography?.items.has(item.id) || bibliography?.sets.has(item.id)) continue;
      usable = false;
      const broken = bibliography?.broken.get(item.id);
      if (broken) {
        broken.fatal = true;
        error(
          file,
          `Unexpected citation of \`@${item.id}\`, whose entry in \`${bibliography?.file.path}\` could not be read (line ${broken.line ?? 1}): expected a valid entry`,
          citation.position,
          'citation-broken',
        );
      } else {
        const guess = bibliography
          ? suggestName(item.id, [...bibliography.items.keys(), ...bibliography.sets.keys()])
          : undefined;
        const reason = bibliography
          ? `Unexpected citation key \`@${item.id}\`, expected a key of \`${bibliography.file.path}\`${guess ? `: did you mean \`@${guess}\`?` : ''}`
          : `Unexpected citation \`@${item.id}\`, expected a \`bibliography\` in whitepaper.yaml`;
        error(file, reason, citation.position, 'citation-undefined');
      }
    }
    return usable;
  });
  if (!bibliography || !format || valid.length === 0) return cited;
  const members = (id: string) => bibliography.sets.get(id) ?? [id];
  const order = [...new Set(valid.flatMap(({ citation }) => citation.items.flatMap((item) => members(item.id))))];
  // Each citation is one cluster; a narrative one also asks for the authors and the rest.
  const requests = valid.map(({ citation }) => {
    const items: ClusterItem[] = citation.items.flatMap((item) =>
      members(item.id).map((id, index, all) => ({
        id,
        ...(item.locator && index === all.length - 1 ? { locator: item.locator } : {}),
        ...(item.label && index === all.length - 1 ? { label: item.label } : {}),
      })),
    );
    return citation.mode === 'narrative' && !notes
      ? [
          items,
          items.map((item) => ({ ...item, 'author-only': true })),
          items.map((item) => ({ ...item, 'suppress-author': true })),
        ]
      : [items];
  });
  const formatted = await format(
    order,
    requests.flat(),
    notes && valid.map(({ citation }, index) => notes.get(citation.id) ?? { index: index + 1, group: '' }),
  );
  const { etAl } = languageFor(language).names;
  let next = 0;
  for (const [index, { citation }] of valid.entries()) {
    const [html = '', authors, rest] = formatted.clusters.slice(next, next + (requests[index]?.length ?? 1));
    next += requests[index]?.length ?? 1;
    const key = members(citation.items[0]?.id ?? '')[0] ?? '';
    if (formatted.notes && notes) {
      // The running text names a narrative citation's authors; the note holds the citation.
      const author = citation.mode === 'narrative' ? authorNames(bibliography.items.get(key), language) : undefined;
      cited.citations.set(citation.id, { html, key, ...(author ? { author } : {}) });
      continue;
    }
    if (authors === undefined || rest === undefined) {
      cited.citations.set(citation.id, { html, key });
      continue;
    }
    // Numeric styles print no author form in citations: name the authors from the data.
    const named =
      authors.includes('NO_PRINTED_FORM') || authors.trim() === ''
        ? escapeHtml(authorNames(bibliography.items.get(key), language))
        : authors;
    cited.citations.set(citation.id, { html: `${named} ${rest.includes('NO_PRINTED_FORM') ? html : rest}`, key });
  }
  cited.notes = formatted.notes && notes !== undefined;
  cited.references = formatted.references.map(({ key, html }) => {
    const item = bibliography.items.get(key);
    const language = item?.language;
    return {
      key,
      id: referenceId(key),
      html: withEtAl(html, etAl),
      ...(typeof language === 'string' && language ? { language } : {}),
      ...(item && latinItem(item) ? { latin: true } : {}),
    };
  });
  for (const [id, citation] of cited.citations)
    cited.citations.set(id, { ...citation, html: withEtAl(citation.html, etAl) });
  return cited;
}

/** "Smith", "Smith and Lee", "Smith et al." from a CSL item, in the edition's language. */
function authorNames(item: CslItem | undefined, language: string): string {
  const names = Array.isArray(item?.['author'])
    ? (item['author'] as { family?: string; literal?: string }[]).map((name) => name.family ?? name.literal ?? '')
    : [];
  const { and, etAl } = languageFor(language).names;
  if (names.length === 0) return '';
  if (names.length === 1) return names[0] ?? '';
  if (names[1] === othersName) return `${names[0]}${etAl}`;
  if (names.length === 2) return `${names[0]}${and}${names[1]}`;
  return `${names[0]}${etAl}`;
}

/** Whether a work's own words (title, container, names) are written without CJK characters. */
function latinItem(item: CslItem): boolean {
  const names = ['author', 'editor']
    .flatMap((role) => (Array.isArray(item[role]) ? (item[role] as { family?: unknown; literal?: unknown }[]) : []))
    .flatMap((name) => [name.family, name.literal]);
  return ![item['title'], item['container-title'], item['publisher'], ...names].some(
    (value) => typeof value === 'string' && cjk.test(value),
  );
}
