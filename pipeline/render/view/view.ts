/**
 * Book → view models for the templates: plain, display-ready values, no lookups left to do.
 */
import type { Annotation } from '../../review/annotation.js';
import { format, languageName, partLabel, type Labels } from '../../data/languages/index.js';
import { countryName } from '../../data/countries.js';
import { langWithin, scriptLanguage } from '../../data/scripts.js';
import { sdgs } from '../../data/sdgs.js';
import { settingsImage } from '../../assemble/book.js';
import type { TocEntry } from '../../assemble/toc.js';
import type { Book, BookSettings, CaseStudy, Chapter } from '../../model/types.js';
import { bodyLinks, fragmentHtml, type Links } from './fragment.js';
import { escapeHtml } from '../../shared/escape-html.js';

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
  /** The logo and the cover image, as paths below the site root (`assets/…`), when set. */
  logo: string | null;
  coverImage: string | null;
  /** The imprint page's fields, when the settings give any. */
  imprint: BookSettings['imprint'] | null;
  /** The back cover's text and website, when the settings give any: the print then ends on a back cover. */
  backCover: BookSettings['backCover'] | null;
}

/** How the pages of this build are marked: draft, revision compared with. */
export interface Marks {
  /** When and from which commit a draft was built, or `null` for a final build. */
  draft: Draft | null;
  /** The `--since` revision, or `null`. */
  since: string | null;
  /**
   * Every comment kept in `review/`, by source path: a site under review shows each page's own,
   * a draft's PDF carries the open ones as notes.
   */
  comments: ReadonlyMap<string, readonly Annotation[]>;
  /** Where the site's readers' new comments go (`--review`, the preview); `null`: the site takes none. */
  review: ReviewStore | null;
}

/**
 * Where a reader's new comments are kept: in the browser, to export as one file (a static site),
 * or sent to the preview that served the page, with its session's token.
 */
export type ReviewStore = { kind: 'browser' } | { kind: 'preview'; token: string };

/** What a draft's pages say about it. */
export interface Draft {
  date: Date;
  /** Short commit hash, or `null` outside git. */
  commit: string | null;
  /** The working tree had changes. */
  dirty: boolean;
}

/** A final build: no marks. */
export const noMarks: Marks = { draft: null, since: null, comments: new Map(), review: null };

/**
 * The line every page of a draft carries.
 *
 * @param draft The draft, or `null`.
 * @param labels Fixed text of the edition.
 * @returns Such as "Draft built 2026-11-27 22:45 UTC from a1b2c3d+changes", or `null`.
 */
export function draftLine(draft: Draft | null, labels: Labels): string | null {
  if (!draft) return null;
  const date = `${draft.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const revision = draft.commit ? `${draft.commit}${draft.dirty ? '+changes' : ''}` : labels.outsideGit;
  return format(labels.draftBuilt, { date, revision });
}

/** The parts of a book that views depend on besides the item shown: its language and text. */
export type Edition = Pick<Book, 'settings' | 'labels'>;

export interface ChapterView {
  id: string;
  slug: string;
  /** "Chapter 2", or `null` for an unnumbered chapter. */
  label: string | null;
  /** The part the chapter opens: "Part II" and its title; `null` when it opens none. */
  part: { id: string; label: string; titleHtml: string } | null;
  title: string;
  /** The title as HTML produced by the pipeline (its inline Markdown). */
  titleHtml: string;
  authors: string | null;
  summary: string | null;
  /** The key messages' panel: its heading and messages; `null` when the chapter gives none. */
  keyMessages: { heading: string; messages: string[]; start: number } | null;
  /** Body HTML produced and checked by the pipeline. */
  content: string;
  /** Text of blocks removed since the `--since` revision. */
  removed: string[];
  /** `lang` of a chapter shown untranslated, else `null`. */
  lang: string | null;
  /** The note above a chapter shown untranslated, in the edition's language; else `null`. */
  untranslated: string | null;
}

export interface SdgView {
  number: number;
  /** "SDG 6". */
  label: string;
  name: string;
  colour: string;
}

export interface CaseView {
  id: string;
  slug: string;
  title: string;
  /** The title as HTML produced by the pipeline (its inline Markdown). */
  titleHtml: string;
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
  /** `lang` of the body, title, summary and organisation name where it is not the page's; else `null`. */
  lang: string | null;
  titleLang: string | null;
  summaryLang: string | null;
  organizationLang: string | null;
}

export interface TocEntryView {
  id: string;
  href: string;
  label: string | null;
  title: string;
  /** The title as HTML produced by the pipeline. */
  titleHtml: string;
  /** `lang` of the title where it is not the page's. */
  lang: string | null;
  /** Page number in the PDF; empty until known. */
  page: string;
  /** `page` is a placeholder for the printer to replace by the number. */
  pageSlot: boolean;
  /** A part's entry, set apart from its chapters. */
  part: boolean;
  children: TocEntryView[];
}

/**
 * Page of each element as the print document shows it: its number, or the text of a
 * placeholder that is replaced by the number after printing (see `pdf-page-numbers`).
 */
/** Each element's page, as the book calls it (`iii`, `12`), or a placeholder for it. */
export type PageNumbers = ReadonlyMap<string, number | string | { placeholder: string }>;

/**
 * @param pages Page of each element, when known.
 * @param id An element.
 * @returns What its page-number box shows.
 */
export function pageView(pages: PageNumbers | undefined, id: string): { page: string; pageSlot: boolean } {
  const page = pages?.get(id);
  return typeof page === 'object'
    ? { page: page.placeholder, pageSlot: true }
    : { page: String(page ?? ''), pageSlot: false };
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
    date: longDate(settings.language).format(date),
    isoDate: settings.date,
    language: settings.language,
    keywords: settings.keywords.join(', '),
    imprint: given(settings.imprint),
    backCover: given(settings.backCover),
    logo: settings.logo === undefined ? null : settingsImage('/', settings.logo).target,
    coverImage: settings.coverImage === undefined ? null : settingsImage('/', settings.coverImage).target,
  };
}

/**
 * A settings mapping whose page is printed only when it gives something (the imprint, the back
 * cover).
 *
 * @param fields The mapping, if the settings have it.
 * @returns It, or `null` when it is absent or empty.
 */
export function given<Fields extends object>(fields: Fields | undefined): Fields | null {
  return fields && Object.keys(fields).length > 0 ? fields : null;
}

/** Date formats by language: making one takes longer than rendering a page. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function longDate(language: string): Intl.DateTimeFormat {
  let formatter = dateFormats.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(language, formatter);
  }
  return formatter;
}

/**
 * @param chapter A chapter.
 * @param labels Fixed text of the edition.
 * @returns "Chapter 2", or `null` for an unnumbered chapter.
 */
export function chapterLabel(chapter: Pick<Chapter, 'number'>, labels: Pick<Labels, 'chapter'>): string | null {
  return chapter.number === null ? null : format(labels.chapter, { number: chapter.number });
}

/**
 * @param chapter Assembled chapter.
 * @param links How the page links (assets, cross-references, citations).
 * @param edition The edition it is shown in.
 * @returns The chapter's view.
 */
export function chapterView(chapter: Chapter, links: Links, edition: Edition): ChapterView {
  const { labels, settings } = edition;
  return {
    id: chapter.id,
    slug: chapter.slug,
    label: chapterLabel(chapter, labels),
    part: chapter.part
      ? { id: chapter.part.id, label: partLabel(labels, chapter.part.number), titleHtml: chapter.part.titleHtml }
      : null,
    title: chapter.title,
    titleHtml: chapter.titleHtml,
    authors: chapter.authors?.join(', ') ?? null,
    summary: chapter.summary ?? null,
    keyMessages: chapter.keyMessages
      ? { heading: labels.keyMessages, messages: chapter.keyMessages, start: chapter.keyMessagesFrom }
      : null,
    content: fragmentHtml(chapter.content, bodyLinks(links, chapter.language, settings)),
    removed: chapter.changes?.removed ?? [],
    lang: langWithin(chapter.language, settings.language),
    untranslated: chapter.untranslated
      ? format(labels.untranslated, { language: languageName(chapter.language, settings.language) })
      : null,
  };
}

/**
 * @param item Assembled case study.
 * @param links How the page links, or `null` to leave the body out (certificates).
 * @param edition The edition it is shown in.
 * @returns The case's view.
 */
export function caseView(item: CaseStudy, links: Links | null, edition: Edition): CaseView {
  const { labels, settings } = edition;
  const page = settings.language;
  return {
    id: item.id,
    slug: item.slug,
    title: item.title,
    titleHtml: item.titleHtml,
    organization: item.organization,
    country: item.country,
    countryName: countryName(item.country, page, settings.countries),
    committee: labels.committees[item.committee],
    // In the Goals' own order, whatever order the submission gave them in.
    sdgs: [...item.sdgs].sort((a, b) => a - b).map((number) => sdgView(number, labels)),
    summary: item.summary,
    website: item.website ?? null,
    award: item.award?.label ?? null,
    awardId: item.award?.id ?? null,
    content: links ? fragmentHtml(item.content, bodyLinks(links, item.language, settings)) : '',
    removed: item.changes?.removed ?? [],
    cardChanged: item.changes?.matter ?? false,
    lang: langWithin(item.language, page),
    titleLang: langWithin(item.titleLanguage, page),
    summaryLang: langWithin(item.summaryLanguage, page),
    organizationLang: langWithin(scriptLanguage(item.organization, item.country), page),
  };
}

/**
 * @param number SDG number, 1 to 17.
 * @param labels Fixed text of the edition.
 * @returns Its badge.
 */
export function sdgView(number: number, labels: Labels): SdgView {
  const sdg = sdgs[number - 1];
  if (!sdg) throw new RangeError(`No SDG ${number}`);
  return {
    ...sdg,
    label: format(labels.sdg, { number }),
    name: labels.sdgNames[number - 1] ?? '',
  };
}

/**
 * @param entries Table of contents.
 * @param href URL of an entry's target, seen from the page that shows the table.
 * @param pages Page number of each id, when known.
 * @returns The table's view.
 */
export function tocView(
  entries: readonly TocEntry[],
  href: (id: string) => string,
  pages?: PageNumbers,
): TocEntryView[] {
  return entries.map((entry) => ({
    id: entry.id,
    href: href(entry.id),
    label: entry.label,
    title: entry.title,
    titleHtml: entry.titleHtml ?? escapeHtml(entry.title),
    lang: entry.lang ?? null,
    part: entry.part === true,
    ...pageView(pages, entry.id),
    children: tocView(entry.children, href, pages),
  }));
}

/**
 * Style sheet of the classes the pipeline gives content, so that pages need no inline styles
 * (the preview's Content-Security-Policy allows none): the SDG badges, one class per goal
 * (`.sdg-6`), and image widths in steps of 5% (`img.width-50`, from `{width=50%}`). The site
 * links it as `assets/sdgs.css`; the print document holds it.
 *
 * @returns CSS.
 */
export function sdgStylesheet(): string {
  const badges = sdgs.map(
    (sdg) => `.sdg-${sdg.number} { background-color: ${badgeColour(sdg.colour)}; color: #FFFFFF; }`,
  );
  const widths = Array.from(
    { length: 20 },
    (_, index) => `img.width-${(index + 1) * 5} { width: ${(index + 1) * 5}%; }`,
  );
  return `${[...badges, ...widths].join('\n')}\n`;
}

/** Contrast of white text on a colour, by WCAG relative luminance. */
export function contrastWithWhite(colour: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

/**
 * The colour of a goal's badge: every badge has white text, as on the UN's own icons, so a goal
 * whose colour is too light for it (the yellow of SDG 7, the orange of SDG 11) is darkened, in
 * its own hue, until white text reads on it at 4.5:1 (WCAG AA).
 *
 * @param colour The goal's official colour, `#RRGGBB`.
 * @returns The badge's background, `#RRGGBB`.
 */
export function badgeColour(colour: string): string {
  const channels = [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16));
  let shade = colour.toUpperCase();
  for (let factor = 1; contrastWithWhite(shade) < 4.5 && factor > 0; factor -= 0.02)
    shade = `#${channels
      .map((channel) =>
        Math.round(channel * factor)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`.toUpperCase();
  return shade;
}
