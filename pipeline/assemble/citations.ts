/**
 * Citations of every file and a bibliography → formatted citations and the list of references.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import type { Bibliography } from '../load/bibliography.js';
import type { ClusterItem, EngineSpec } from './citeproc-engine.js';
import type { PromisedEngine } from './citeproc.js';
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
 * The style of the settings: a bundled name, or the XML of a `.csl` file in the content root.
 *
 * @param root Content root.
 * @param style `citationStyle` from the settings.
 * @param settingsFile Where a missing style file is reported.
 * @returns The style, or `undefined` when its file is missing (reported).
 */
export async function resolveStyle(root: string, style: string, settingsFile: VFile): Promise<Pick<EngineSpec, 'style' | 'styleXml'> | undefined> {
  if (bundledStyles.has(style)) return { style };
  try {
    return { style: `file:${style}`, styleXml: await readFile(join(root, style), 'utf8') };
  } catch {
    error(settingsFile, `Missing citation style \`${style}\`, expected \`apa\`, \`vancouver\`, \`harvard1\` or a path to a .csl file`, { line: 1, column: 1 }, 'settings-citationStyle');
    return undefined;
  }
}

/**
 * Format every citation with one citeproc engine over the book, so that numbering (numeric
 * styles) follows the order of first citation and author-date ambiguities are resolved. Unknown
 * keys are errors at the citation.
 *
 * @param citations Citations in book order, with their files.
 * @param bibliography The works that can be cited.
 * @param engine The engine of the book's style and language, asked for only when something is cited.
 * @returns Formatted citations and references; empty when nothing is cited.
 */
export async function formatCitations(
  citations: readonly { file: VFile; citation: Citation }[],
  bibliography: Bibliography | undefined,
  engine: (() => PromisedEngine | Promise<PromisedEngine>) | undefined,
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
  if (!bibliography || !engine || valid.length === 0) return cited;
  const order = [...new Set(valid.flatMap(({ citation }) => citation.items.map((item) => item.id)))];
  // Each citation is one cluster; a narrative one also asks for the authors and the rest.
  const requests = valid.map(({ citation }) => {
    const items: ClusterItem[] = citation.items.map((item) => ({ id: item.id, ...(item.locator ? { locator: item.locator } : {}), ...(item.label ? { label: item.label } : {}) }));
    return citation.mode === 'narrative' ? [items, items.map((item) => ({ ...item, 'author-only': true })), items.map((item) => ({ ...item, 'suppress-author': true }))] : [items];
  });
  const formatted = await (await engine()).format(order, requests.flat());
  let next = 0;
  for (const [index, { citation }] of valid.entries()) {
    const [html = '', authors, rest] = formatted.clusters.slice(next, next + (requests[index]?.length ?? 1));
    next += requests[index]?.length ?? 1;
    if (authors === undefined || rest === undefined) {
      cited.citations.set(citation.id, html);
      continue;
    }
    // Numeric styles print no author form in citations: name the authors from the data.
    const named = authors.includes('NO_PRINTED_FORM') || authors.trim() === '' ? escapeHtml(authorNames(bibliography.items.get(citation.items[0]?.id ?? ''))) : authors;
    cited.citations.set(citation.id, `${named} ${rest.includes('NO_PRINTED_FORM') ? html : rest}`);
  }
  cited.references = formatted.references.map(({ key, html }) => ({ key, id: referenceId(key), html }));
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
