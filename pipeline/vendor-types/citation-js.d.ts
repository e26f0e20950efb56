// The parts of citation-js this project uses; the packages ship no types.
declare module '@citation-js/core' {
  /** A CSL-JSON item. */
  export interface CslItem {
    id: string;
    type?: string;
    [field: string]: unknown;
  }
  /** citeproc-js, as citation-js builds it. */
  export interface CslEngine {
    updateItems(ids: string[]): void;
    makeCitationCluster(items: { id: string; locator?: string; label?: string; 'author-only'?: boolean; 'suppress-author'?: boolean }[]): string;
    makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  }
  export class Cite {
    /** `forceType` stops citation-js from guessing, and so from fetching URLs or DOIs. */
    constructor(data: unknown, options?: { forceType?: string });
    data: CslItem[];
  }
  export const plugins: {
    config: {
      get(name: '@csl'): {
        engine(data: CslItem[], template: string, lang: string, format: 'html' | 'text'): CslEngine;
        templates: { add(name: string, xml: string): void; has(name: string): boolean };
        locales: { has(name: string): boolean };
      };
    };
  };
  export const logger: { level: 'silent' | 'error' | 'warn' | 'info' | 'debug' };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
