// The parts of citeproc-js this project uses; the package ships no types.
declare module 'citeproc' {
  interface System {
    retrieveLocale(language: string): string | undefined;
    retrieveItem(id: string): object | undefined;
  }
  interface ClusterItem {
    id: string;
    locator?: string;
    label?: string;
    'author-only'?: boolean;
    'suppress-author'?: boolean;
  }
  class Engine {
    constructor(sys: System, style: string, lang?: string, forceLang?: boolean);
    opt: { development_extensions: { wrap_url_and_doi: boolean }; xclass?: string };
    setOutputFormat(format: 'html' | 'text'): void;
    updateItems(ids: string[]): void;
    makeCitationCluster(items: ClusterItem[]): string;
    makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
