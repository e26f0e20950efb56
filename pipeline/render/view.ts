/**
 * Book → view models for the templates: plain, display-ready values, no lookups left to do.
 */
import { asianCountries } from '../data/countries.js';
import { committees } from '../data/committees.js';
import { labels } from '../data/labels.js';
import { sdgs } from '../data/sdgs.js';
import type { TocEntry } from '../assemble/toc.js';
import type { BookSettings, CaseStudy, Chapter } from '../types.js';
import { fragmentHtml, type Links } from './fragment.js';

/** Book-level values every page shows. */
export interface BookView {
  title: string;
  subtitle: string;
  edition: string;
  publisher: string;
  author: string;
  date: string;
  /** ISO date for `<time datetime>`. */
  isoDate: string;
  language: string;
  keywords: string;
}

/** How the pages of this build are marked: draft label, revision compared with. */
export interface Marks {
  /** "Draft built … from …", or `null` for a final build. */
  draft: string | null;
  /** The `--since` revision, or `null`. */
  since: string | null;
}

/** A final build: no marks. */
export const noMarks: Marks = { draft: null, since: null };

/**
 * The label every page of a draft carries.
 *
 * @param revision Commit and whether the tree is dirty.
 * @param date Build date.
 * @returns Such as "Draft built 2026-11-27 22:45 UTC from a1b2c3d+changes".
 */
export function draftLabel(revision: { commit: string | null; dirty: boolean }, date: Date): string {
  const when = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const from = revision.commit ? `${revision.commit}${revision.dirty ? '+changes' : ''}` : 'a folder outside git';
  return `Draft built ${when} from ${from}`;
}

export interface ChapterView {
  id: string;
  slug: string;
  /** "Chapter 2", or `null` for an unnumbered chapter. */
  label: string | null;
  title: string;
  authors: string | null;
  summary: string | null;
  /** Body HTML produced and checked by the pipeline. */
  content: string;
  /** Text of blocks removed since the `--since` revision. */
  removed: string[];
}

export interface SdgView {
  number: number;
  name: string;
  colour: string;
  /** Black or white, whichever reads on `colour`. */
  ink: string;
}

export interface CaseView {
  id: string;
  slug: string;
  title: string;
  organization: string;
  country: string;
  countryName: string;
  committee: string;
  sdgs: SdgView[];
  summary: string;
  website: string | null;
  award: string | null;
  awardId: string | null;
  content: string;
  removed: string[];
  /** The card's data changed since the `--since` revision. */
  cardChanged: boolean;
}

export interface TocEntryView {
  id: string;
  href: string;
  label: string | null;
  title: string;
  /** Page number in the PDF; empty until known. */
  page: string;
  children: TocEntryView[];
}

/**
 * @param settings Validated settings.
 * @returns Values shown on every page.
 */
export function bookView(settings: BookSettings): BookView {
  const date = new Date(`${settings.date}T00:00:00Z`);
  return {
    title: settings.title,
    subtitle: settings.subtitle,
    edition: settings.edition,
    publisher: settings.publisher,
    author: settings.author ?? settings.publisher,
    date: new Intl.DateTimeFormat(settings.language, { dateStyle: 'long', timeZone: 'UTC' }).format(date),
    isoDate: settings.date,
    language: settings.language,
    keywords: settings.keywords.join(', '),
  };
}

/**
 * @param chapter Assembled chapter.
 * @param links How the page links (assets, cross-references, citations).
 * @returns The chapter's view.
 */
export function chapterView(chapter: Chapter, links: Links): ChapterView {
  return {
    id: chapter.id,
    slug: chapter.slug,
    label: chapter.number === null ? null : `${labels.chapter} ${chapter.number}`,
    title: chapter.title,
    authors: chapter.authors?.join(', ') ?? null,
    summary: chapter.summary ?? null,
    content: fragmentHtml(chapter.content, links),
    removed: chapter.changes?.removed ?? [],
  };
}

/**
 * @param item Assembled case study.
 * @param links How the page links, or `null` to leave the body out (certificates).
 * @param countries Codes the alliance added to the Asian ones.
 * @returns The case's view.
 */
export function caseView(item: CaseStudy, links: Links | null, countries: Readonly<Record<string, string>>): CaseView {
  return {
    id: item.id,
    slug: item.slug,
    title: item.title,
    organization: item.organization,
    country: item.country,
    countryName: countries[item.country] ?? asianCountries[item.country] ?? item.country,
    committee: committees[item.committee],
    sdgs: item.sdgs.map(sdgView),
    summary: item.summary,
    website: item.website ?? null,
    award: item.award?.label ?? null,
    awardId: item.award?.id ?? null,
    content: links ? fragmentHtml(item.content, links) : '',
    removed: item.changes?.removed ?? [],
    cardChanged: item.changes?.matter ?? false,
  };
}

/**
 * @param number SDG number, 1 to 17.
 * @returns Its badge.
 */
export function sdgView(number: number): SdgView {
  const sdg = sdgs[number - 1];
  if (!sdg) throw new RangeError(`No SDG ${number}`);
  return { ...sdg, ink: inkOn(sdg.colour) };
}

/**
 * @param entries Table of contents.
 * @param href URL of an entry's target, seen from the page that shows the table.
 * @param pages Page number of each id, when known.
 * @returns The table's view.
 */
export function tocView(entries: readonly TocEntry[], href: (id: string) => string, pages?: ReadonlyMap<string, number>): TocEntryView[] {
  return entries.map((entry) => ({
    id: entry.id,
    href: href(entry.id),
    label: entry.label,
    title: entry.title,
    page: String(pages?.get(entry.id) ?? ''),
    children: tocView(entry.children, href, pages),
  }));
}

/**
 * Style sheet of the SDG badges, one class per goal (`.sdg-6`), so that pages need no inline
 * styles.
 *
 * @returns CSS.
 */
export function sdgStylesheet(): string {
  return `${Array.from({ length: 17 }, (_, index) => {
    const sdg = sdgView(index + 1);
    return `.sdg-${sdg.number} { background-color: ${sdg.colour}; color: ${sdg.ink}; }`;
  }).join('\n')}\n`;
}

/** Black or white text on a background colour, by WCAG relative luminance. */
function inkOn(colour: string): string {
  const channels = [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): pick the larger.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#FFFFFF';
}
