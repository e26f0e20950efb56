/**
 * Citations as one capability: settings and a bibliography → the keys that can be cited, and
 * each edition's citations formatted in its style and locale.
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import { readSource } from '../load/read.js';
import { languageFor } from '../data/languages/index.js';
import { error, hasErrors, warn, type Place } from '../model/message.js';
import type { BookSettings, Citation } from '../model/types.js';
import { locator } from '../load/front-matter.js';
import { brokenEntry, type Bibliography } from './bibliography.js';
import type { CslItem, Engine, EngineSpec, NotePlace } from './engine.js';
import { formatCitations, noCitations, type Cited, type Formatter } from './format.js';
import { completeLocale, declaredLocale, localeFor } from './locale.js';
import { continuing, resolveStyle, type Style } from './style.js';
import { CiteprocWorker } from './worker.js';

export { loadBibliography, type Bibliography } from './bibliography.js';
export type { NotePlace } from './engine.js';

/** A CSL style of class `note`: citations are footnotes. */
const noteStyle = /<style\b[^>]*\bclass\s*=\s*["']note["']/;
export { noCitations, referenceId, type Cited } from './format.js';

/** Whole-book results kept between runs (the transform cache implements it). */
export interface ResultCache {
  result(name: string, key: string): unknown;
  hasResult(name: string): boolean;
  keep(name: string, key: string, value: unknown): void;
}

/** Options of `openCitations`. */
export interface CitationOptions {
  root: string;
  settings: BookSettings;
  /** Where problems with styles and locales are reported. */
  settingsFile: VFile;
  bibliography: Bibliography | undefined;
  /** Edition languages, the main one first. */
  languages: readonly string[];
  /**
   * `worker`: build engines in a worker thread right away, so that building them overlaps the
   * transform; `worker-on-demand`: in a worker, when first needed (the cache probably holds
   * the results); `local`: in this thread, when needed (the preview, which keeps results).
   */
  mode: 'worker' | 'worker-on-demand' | 'local';
  cache?: ResultCache | undefined;
  /** The settings of an edition (its own `citationStyle` and `citationLocale`). */
  editionSettings: (language: string) => BookSettings;
}

/** An open citation capability. */
export interface Citations {
  /** Keys a bare `@key` cites: entries and sets. */
  keys: ReadonlySet<string>;
  /**
   * Format an edition's citations.
   *
   * @param language The edition's language.
   * @param citations Its citations in book order, with their files.
   * @param notes Where each citation would stand as a footnote (by citation id): used when the
   *   edition's style is of class `note`.
   * @returns The formatted citations and references.
   */
  cite(
    language: string,
    citations: readonly { file: VFile; citation: Citation }[],
    notes?: ReadonlyMap<string, NotePlace>,
  ): Promise<Cited>;
  /** Stop the engines' thread. */
  close(): Promise<void>;
}

/**
 * Open the citation capability of a book: resolve each edition's style and locale (problems are
 * located messages at their keys in `whitepaper.yaml`) and get its engine ready.
 *
 * @param options Settings, bibliography and how to run the engines.
 * @returns The capability; close it when done.
 */
export async function openCitations(options: CitationOptions): Promise<Citations> {
  const { bibliography, settingsFile } = options;
  const keys = new Set([...(bibliography?.items.keys() ?? []), ...(bibliography?.sets.keys() ?? [])]);
  if (!bibliography || bibliography.items.size === 0) {
    return {
      keys,
      cite: async (_language, citations) => formatCitations(citations, bibliography, 'en', undefined),
      close: async () => {},
    };
  }
  const locate = locator(settingsFile, settingsFile.data.frontMatter);
  const placeOf = (language: string, key: 'citationStyle' | 'citationLocale'): Place => {
    const translated = options.settings.translations[language]?.[key] !== undefined;
    return translated ? locate(['translations', language, key], 'value') : locate([key], 'value');
  };
  const styles = new Map<string, Promise<Style | undefined>>();
  const specs = new Map<string, { spec: EngineSpec; place: Place; style: string }>();
  for (const language of options.languages) {
    const edition = options.editionSettings(language);
    const place = placeOf(language, 'citationStyle');
    const name = edition.citationStyle;
    if (!styles.has(name)) styles.set(name, resolveStyle(options.root, name, settingsFile, place));
    const style = await styles.get(name);
    const locale = await resolveLocale(
      options.root,
      edition,
      language,
      settingsFile,
      placeOf(language, 'citationLocale'),
    );
    const [base] = language.split('-');
    if (locale && locale.localeXml === undefined && locale.locale.split('-')[0] !== base) {
      const index = options.languages.indexOf(language);
      warn(
        settingsFile,
        `Missing citation locale for \`${language}\`, expected \`translations.${language}.citationLocale\` naming a CSL locale file such as \`locales-${languageFor(language).citationLocale}.xml\`: its citations use the terms of \`${locale.locale}\``,
        locate(options.settings.languages ? ['languages', index] : ['language'], 'value'),
        'citation-locale-missing',
      );
    }
    if (style && locale)
      specs.set(language, {
        spec: { items: [...bibliography.items.values()], style: style.xml, ...locale },
        place,
        style: name,
      });
  }
  let worker: CiteprocWorker | undefined;
  const formatters = new Map<string, Formatter>();
  const formatter = (language: string): Formatter | undefined => {
    const entry = specs.get(language);
    if (!entry) return undefined;
    let format = formatters.get(language);
    if (!format) {
      if (options.mode === 'local') {
        let engine: Engine | undefined;
        // citeproc is loaded where an engine is built: in a build, only the citation worker loads it.
        format = async (order, clusters, notes) =>
          (engine ??= (await import('./engine.js')).createEngine(entry.spec)).format(order, clusters, notes);
      } else {
        worker ??= new CiteprocWorker();
        const remote = worker.engine(entry.spec);
        format = (order, clusters, notes) => remote.format(order, clusters, notes);
      }
      formatters.set(language, format);
    }
    return format;
  };
  if (options.mode === 'worker') for (const language of specs.keys()) formatter(language);
  const capability: Citations = {
    keys,
    async cite(language, citations, notePlaces) {
      const entry = specs.get(language);
      const format = formatter(language);
      // A note style formats each citation as a footnote, in the order of the notes.
      const notes = entry && noteStyle.test(entry.spec.style) ? notePlaces : undefined;
      // A result is reused while the style, locale, bibliography and citations are the same.
      const key =
        entry &&
        createHash('sha256')
          .update(
            JSON.stringify([
              { ...entry.spec, items: null },
              String(bibliography.file.value),
              citations.map(({ citation }) => [citation.id, citation.items, citation.mode]),
              notes ? [...notes] : null,
            ]),
          )
          .digest('hex');
      const name = `citations:${language}`;
      const kept = key
        ? (options.cache?.result(name, key) as
            | {
                citations: [string, Cited['citations'] extends Map<string, infer V> ? V : never][];
                references: Cited['references'];
                notes: boolean;
              }
            | undefined)
        : undefined;
      if (kept) return { citations: new Map(kept.citations), references: kept.references, notes: kept.notes };
      let cited: Cited;
      try {
        cited = await formatCitations(citations, bibliography, language, format, notes);
      } catch (cause) {
        // An entry citeproc refuses (a value no normalising foresaw) costs that entry only: each
        // cited entry is formatted alone to find it; it is reported at its line and left out.
        const refused = entry ? await refusedEntries(entry.spec, citations, bibliography) : [];
        if (refused.length > 0) return capability.cite(language, citations, notePlaces);
        // citeproc could not read the style (or the locale): a problem of the settings.
        const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
        error(
          settingsFile,
          `Unexpected citation style \`${entry?.style ?? ''}\`: citeproc could not use it (${reason}), expected a valid CSL 1.0 style`,
          entry?.place,
          'settings-citation-style',
        );
        return noCitations();
      }
      if (key && !citations.some(({ file }) => hasErrors(file)))
        options.cache?.keep(name, key, {
          citations: [...cited.citations],
          references: cited.references,
          notes: cited.notes,
        });
      return cited;
    },
    close: async () => {
      await worker?.close();
    },
  };
  return capability;
}

/**
 * The cited entries citeproc cannot format, each tried alone in an engine of its own: each is
 * reported at its entry (and so at each citation of it) and taken out of the bibliography.
 *
 * @returns The keys taken out; none when every entry formats alone (the style is at fault).
 */
async function refusedEntries(
  spec: EngineSpec,
  citations: readonly { citation: Citation }[],
  bibliography: Bibliography,
): Promise<string[]> {
  const { createEngine } = await import('./engine.js');
  const keys = new Set(
    citations.flatMap(({ citation }) => citation.items.flatMap((item) => bibliography.sets.get(item.id) ?? [item.id])),
  );
  const formats = (item: CslItem) => {
    try {
      createEngine({ ...spec, items: [item] }).format([item.id], [[{ id: item.id }]]);
      return undefined;
    } catch (cause) {
      return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
    }
  };
  // A style that cannot format even a plain book is the style's fault, not the entries'.
  if (formats({ id: 'probe', type: 'book', title: 'Probe', issued: { 'date-parts': [[2000]] } }) !== undefined)
    return [];
  const refused: string[] = [];
  for (const key of keys) {
    const item = bibliography.items.get(key);
    if (!item) continue;
    const reason = formats(item);
    if (reason !== undefined) {
      const place = bibliography.places.get(key) ?? { line: 1, column: 1 };
      bibliography.items.delete(key);
      bibliography.broken.set(
        key,
        brokenEntry(bibliography.file, key, `citeproc could not format it (${reason})`, place),
      );
      refused.push(key);
    }
  }
  return refused;
}

/**
 * The locale an edition cites in: its `citationLocale` file, or the one its language calls for.
 *
 * @returns The locale's name and, for a file, its XML; `undefined` when the file is unusable (reported).
 */
async function resolveLocale(
  root: string,
  settings: BookSettings,
  language: string,
  settingsFile: VFile,
  place: Place,
): Promise<Pick<EngineSpec, 'locale' | 'localeXml'> | undefined> {
  const path = settings.citationLocale;
  if (!path) return { locale: localeFor(language) };
  const file = await readSource(root, path, 1024 * 1024);
  const problem = file.messages[0]?.reason;
  const xml = String(file.value);
  const name = problem ? undefined : declaredLocale(xml);
  if (!name) {
    error(
      settingsFile,
      `Unexpected citation locale \`${path}\`: ${problem ? continuing(problem) : 'expected a CSL locale file (`<locale xmlns="http://purl.org/net/xbiblio/csl" xml:lang="…">`)'}`,
      place,
      'settings-citation-locale',
    );
    return undefined;
  }
  return { locale: name, localeXml: completeLocale(xml) };
}
