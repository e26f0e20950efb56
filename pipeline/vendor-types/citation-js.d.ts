// The parts of citation-js this project uses; the packages ship no types.
declare module '@citation-js/core' {
  export class Cite {
    /** `forceType` stops citation-js from guessing, and so from fetching URLs or DOIs. */
    constructor(data: unknown, options?: { forceType?: string });
    data: { id: string; [field: string]: unknown }[];
  }
  export const logger: { level: 'silent' | 'error' | 'warn' | 'info' | 'debug' };
}
declare module '@citation-js/plugin-bibtex';
