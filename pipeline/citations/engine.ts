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

/**
 * Where a citation stands in a style of class `note`: its footnote's number in its file, and the
 * file. A note style's `ibid.` and short forms follow the notes in order, afresh in each file.
 */
export interface NotePlace {
  index: number;
  group: string;
}

/** What formatting returns: one HTML string per cluster, then the list of references. */
export interface Formatted {
  clusters: string[];
  /** The style is of class `note`: each citation is a footnote. */
  notes: boolean;
  /** Key and HTML of each entry, in the style's order. */
  references: { key: string; html: string }[];
}

/** An engine ready to format. */
export interface Engine {
  /**
   * @param order Keys in order of first citation (numbering in numeric styles).
   * @param clusters Clusters to format.
   * @param notes Each cluster's note, for a note style (else the clusters are formatted alone).
   */
  format(order: string[], clusters: ClusterItem[][], notes?: readonly NotePlace[]): Formatted;
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
  const notes = engine.opt.xclass === 'note';
  return {
    format(order, clusters, places) {
      engine.updateItems(order);
      const formatted =
        notes && places
          ? inSequence(engine, clusters, places)
          : clusters.map((cluster) => engine.makeCitationCluster(cluster));
      const result = engine.makeBibliography();
      const references = result
        ? result[1].map((html, index) => ({ key: result[0].entry_ids[index]?.[0] ?? '', html: html.trim() }))
        : [];
      return { clusters: formatted, references, notes };
    },
  };
}

/**
 * A note style's citations, each knowing those before it in its file, so that the style can say
 * `ibid.` or give a short form: CSL's positions worked out in one pass, the way citeproc's
 * `processCitationCluster` works them out, then each cluster formatted with them. (Feeding
 * citeproc the sequence itself re-examines every earlier citation at each one: 11 s for 1,000
 * citations in one file.)
 */
function inSequence(
  engine: InstanceType<typeof CSL.Engine>,
  clusters: ClusterItem[][],
  places: readonly NotePlace[],
): string[] {
  const positioned = notePositions(clusters, places, nearNoteDistance(engine));
  return positioned.map((cluster) => engine.makeCitationCluster(cluster));
}

/** citeproc's numbers for CSL's positions. */
const position = { first: 0, subsequent: 1, ibid: 2, ibidWithLocator: 3 } as const;

/** A cited work with its place among the notes, as CSL's position tests read it. */
export interface PositionedItem extends ClusterItem {
  position: number;
  'near-note': boolean;
  'first-reference-note-number'?: number;
}

/** The style's `near-note-distance` (CSL's default: 5). */
function nearNoteDistance(engine: InstanceType<typeof CSL.Engine>): number {
  const distance = (engine as unknown as { citation?: { opt?: Record<string, unknown> } }).citation?.opt?.[
    'near-note-distance'
  ];
  return typeof distance === 'number' ? distance : Number(distance ?? 5) || 5;
}

/**
 * CSL's positions of each cited work (`first`, `subsequent`, `ibid`, `ibid-with-locator`,
 * `near-note`, the first note's number), afresh in each file, citations taken in the order of
 * their notes. An `ibid.` needs the same work just before: earlier in the same citation, or as
 * the only work of the note just before, with locators that allow it.
 *
 * @param clusters The citations, as citeproc reads them.
 * @param places Each citation's note.
 * @param distance How many notes back a `near-note` reaches.
 * @returns The clusters, each work with its position.
 */
export function notePositions(
  clusters: readonly ClusterItem[][],
  places: readonly NotePlace[],
  distance: number,
): PositionedItem[][] {
  const place = (index: number): NotePlace => places[index] ?? { index: index + 1, group: '' };
  // Files keep their order; within a file, the notes theirs (a citation in a note defined early
  // in the Markdown counts where its note is referred to).
  const groups = new Map<string, number>();
  for (const [index] of clusters.entries())
    if (!groups.has(place(index).group)) groups.set(place(index).group, groups.size);
  const order = clusters
    .map((_, index) => index)
    .sort(
      (a, b) =>
        (groups.get(place(a).group) ?? 0) - (groups.get(place(b).group) ?? 0) || place(a).index - place(b).index,
    );
  const positioned: PositionedItem[][] = clusters.map(() => []);
  let group: string | undefined;
  let first = new Map<string, number>();
  let last = new Map<string, number>();
  let inNote = new Map<number, number>();
  let previous: { items: readonly ClusterItem[]; note: number } | undefined;
  for (const index of order) {
    const { index: note, group: file } = place(index);
    if (file !== group) {
      group = file;
      first = new Map<string, number>();
      last = new Map<string, number>();
      inNote = new Map<number, number>();
      previous = undefined;
    }
    const cluster = clusters[index] ?? [];
    inNote.set(note, (inNote.get(note) ?? 0) + cluster.length);
    positioned[index] = cluster.map((item, at) => {
      const lastNote = last.get(item.id);
      if (lastNote === undefined) {
        first.set(item.id, note);
        last.set(item.id, note);
        return { ...item, position: position.first, 'near-note': false };
      }
      const before = at > 0 ? cluster[at - 1] : previous && sameWorkBefore(previous, note, inNote, item.id);
      const where = before ? ibid(before, item) : position.subsequent;
      const firstNote = first.get(item.id);
      last.set(item.id, note);
      return {
        ...item,
        position: where,
        'near-note': note === 0 || note - lastNote <= distance,
        ...(firstNote !== undefined && firstNote !== note ? { 'first-reference-note-number': firstNote } : {}),
      };
    });
    previous = { items: cluster, note };
  }
  return positioned;
}

/** The cite an `ibid.` at the start of a citation could refer back to, if the work is the same. */
function sameWorkBefore(
  previous: { items: readonly ClusterItem[]; note: number },
  note: number,
  inNote: ReadonlyMap<number, number>,
  id: string,
): ClusterItem | undefined {
  const [head] = previous.items;
  const tail = previous.items.at(-1);
  if (previous.note !== note)
    // The note just before (or this one), holding that work alone.
    return head?.id === id && previous.note >= note - 1 && (inNote.get(previous.note) === 1 || previous.note === 0)
      ? head
      : undefined;
  // Another citation in the same note, ending with that work.
  return tail?.id === id ? tail : undefined;
}

/** `ibid`, `ibid-with-locator` or `subsequent`, by the locators of the cite before and this one. */
function ibid(before: ClusterItem, item: ClusterItem): number {
  if (before.id !== item.id) return position.subsequent;
  const locator = (cite: ClusterItem) => (cite.locator ? `${cite.locator}${cite.label ?? ''}` : '');
  const [was, is] = [locator(before), locator(item)];
  if (was && !is) return position.subsequent;
  return was === is ? position.ibid : position.ibidWithLocator;
}
