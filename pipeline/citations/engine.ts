/**
 * A style, a locale and the works → a citeproc-js engine, and the raw formatting of citation
 * clusters and of the bibliography. Runs in a worker during builds (`worker.ts`) and in the
 * preview's own thread.
 */
import CSL from 'citeproc';
import { knownLocale } from './locale.js';

/** A CSL-JSON item. */
export interface CslItem {
  id: string;
  type?: string;
  [field: string]: unknown;
}

/** What an engine is built from: plain data, so that it can cross to a worker. */
export interface EngineSpec {
  /** Every work of the bibliography; the cited ones are chosen when formatting. */
  items: CslItem[];
  /** The style's XML. */
  style: string;
  /** CSL locale name the edition cites in, such as `zh-CN`. */
  locale: string;
  /** The editors' own locale file for `locale`, if they gave one. */
  localeXml?: string;
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
 * Build an engine. Building takes most of the time (parsing the style and the locale). The
 * edition's locale is forced: a style's `default-locale` does not override the edition.
 *
 * @param spec Items, style and locale.
 * @returns The engine.
 * @throws When citeproc cannot read the style: the caller reports it at `citationStyle`.
 */
export function createEngine(spec: EngineSpec): Engine {
  const items = new Map(spec.items.map((item) => [item.id, item]));
  const engine = new CSL.Engine(
    {
      retrieveLocale: (name) =>
        name === spec.locale && spec.localeXml !== undefined ? spec.localeXml : knownLocale(name),
      retrieveItem: (id) => items.get(id),
    },
    spec.style,
    spec.locale,
    true,
  );
  engine.setOutputFormat('html');
  engine.opt.development_extensions.wrap_url_and_doi = false;
  return {
    format(order, clusters) {
      engine.updateItems(order);
      const formatted = clusters.map((cluster) => engine.makeCitationCluster(cluster));
      const result = engine.makeBibliography();
      const references = result
        ? result[1].map((html, index) => ({ key: result[0].entry_ids[index]?.[0] ?? '', html: html.trim() }))
        : [];
      return { clusters: formatted, references };
    },
  };
}
