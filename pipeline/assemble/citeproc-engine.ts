/**
 * citeproc-js through citation-js: one engine per book and language, and the raw formatting
 * of citation clusters and of the bibliography. Runs in a worker during builds (`citeproc.ts`)
 * and in the preview's own thread.
 */
import type { CslItem } from '@citation-js/core';
import { citationJs } from '../load/bibliography.js';

/** What an engine is built from: plain data, so that it can cross to a worker. */
export interface EngineSpec {
  /** Every work of the bibliography; the cited ones are chosen when formatting. */
  items: CslItem[];
  /** A bundled style name, or the name a custom style is registered under. */
  style: string;
  /** The XML of a custom style. */
  styleXml?: string;
  /** BCP 47 tag of the edition; the nearest CSL locale is used. */
  language: string;
}

/** One cited work in a cluster, with citeproc's flags. */
export interface ClusterItem {
  id: string;
  locator?: string;
  label?: string;
  'author-only'?: boolean;
  'suppress-author'?: boolean;
}

/** What formatting returns: one HTML string per cluster, then the list of references. */
export interface Formatted {
  clusters: string[];
  /** Key and HTML of each entry, in the style's order. */
  references: { key: string; html: string }[];
}

/** An engine ready to format. */
export interface Engine {
  /**
   * @param order Keys in order of first citation (numbering in numeric styles).
   * @param clusters Clusters to format.
   */
  format(order: string[], clusters: ClusterItem[][]): Formatted;
}

/**
 * Build an engine. Building takes most of the time (parsing the style and the locale).
 *
 * @param spec Items, style and language.
 * @returns The engine.
 */
export async function createEngine(spec: EngineSpec): Promise<Engine> {
  const { plugins } = await citationJs();
  const csl = plugins.config.get('@csl');
  if (spec.styleXml !== undefined && !csl.templates.has(spec.style)) csl.templates.add(spec.style, spec.styleXml);
  const engine = csl.engine(spec.items, spec.style, localeFor(spec.language, (name) => csl.locales.has(name)), 'html');
  return {
    format(order, clusters) {
      engine.updateItems(order);
      const formatted = clusters.map((items) => engine.makeCitationCluster(items));
      const result = engine.makeBibliography();
      const references = result ? result[1].map((html, index) => ({ key: result[0].entry_ids[index]?.[0] ?? '', html: html.trim() })) : [];
      return { clusters: formatted, references };
    },
  };
}

/** The CSL locale for a BCP 47 language: exact, then by language, then en-US. */
function localeFor(language: string, has: (name: string) => boolean): string {
  const [base = 'en'] = language.split('-');
  const candidates = [language, `${base}-${base.toUpperCase()}`, base === 'en' ? 'en-US' : ''];
  return candidates.find((name) => name && has(name)) ?? 'en-US';
}
