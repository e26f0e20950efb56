/**
 * The book model shared by the stages: load → validate → transform → assemble → render.
 */
import type { Root as HastRoot } from 'hast';
import type { Position } from 'unist';
import type { Labels } from '../data/languages/index.js';
import type { Document } from 'yaml';
import type { VFile } from 'vfile';
import type { SettingsMatter, ChapterMatter, PublishedCaseMatter, Committee } from './schema.js';

export type { Committee };

/** Validated `whitepaper.yaml` with defaults applied. */
export type BookSettings = SettingsMatter;

/** A heading that the table of contents and the PDF outline list. */
export interface Heading {
  /** Globally unique id of the heading element (ASCII, usable as a PDF destination name). */
  id: string;
  /** Plain text of the heading. */
  title: string;
  /** Heading rank, 2 for sections. */
  depth: number;
}

/** An image (or other file) the content refers to, copied into the site. */
export interface Asset {
  /** Absolute path of the source file. */
  source: string;
  /** Absolute path as the content names it, before links are resolved; when it differs from `source`. */
  named?: string;
  /** Path below the site root, such as `assets/images/chart.png`. */
  target: string;
}

/** Something a cross-reference can point at: a figure, a table or a labelled section. */
export interface Anchor {
  /** The label written in the Markdown (`fig:rainfall`), or an automatic key for unlabelled ones. */
  key: string;
  kind: 'figure' | 'table' | 'section' | 'equation';
  /** Id of the element, scoped to the file. */
  id: string;
  /** Caption or heading text. */
  title: string;
  /** 1-based position among the file's anchors of the same kind (figures, tables). */
  index: number;
  /** Where the label is, for messages. */
  position?: Position | undefined;
}

/** A `@fig:x` reference in the text. */
export interface Reference {
  key: string;
  position?: Position | undefined;
}

/** One cited work inside a citation: `@smith2020, p. 12`. */
export interface CitationItem {
  id: string;
  locator?: string;
  label?: string;
}

/** A citation in the text: `[@a; @b, p. 3]` (parenthetical) or `@a` (narrative). */
export interface Citation {
  /** Id of the `<cite>` element, scoped to the file. */
  id: string;
  items: CitationItem[];
  mode: 'parenthetical' | 'narrative';
  position?: Position | undefined;
}

/** A block added or changed since the `--since` revision. */
export interface Change {
  /** Id of the block's element. */
  id: string;
  kind: 'added' | 'changed';
  /** The start of its text. */
  excerpt: string;
}

/** What changed in a chapter or case since the `--since` revision. */
export interface Changes {
  blocks: Change[];
  /** Text of removed blocks. */
  removed: string[];
  /** The front matter changed (for cases: the card). */
  matter: boolean;
}

/** Size of a Markdown body, for the editors' dashboard. */
export interface BodyStats {
  /** Words; each Chinese, Japanese or Korean character counts as one. */
  words: number;
  images: number;
}

/** A chapter: validated front matter plus its transformed body. */
export interface Chapter extends Omit<ChapterMatter, 'part'> {
  kind: 'chapter';
  /** The part this chapter opens (`part:` in its front matter), numbered from 1 through the book. */
  part: ChapterPart | null;
  /** The number of its first key message: they are numbered through the book. */
  keyMessagesFrom: number;
  /** File name without the `NN-` prefix and the extension. */
  slug: string;
  /** Source path relative to the content root. */
  path: string;
  /** Chapter number, or `null` for unnumbered front matter (prefix `00`). */
  number: number | null;
  /** Id of the chapter title. */
  id: string;
  /** Body as hast; URLs in it are relative to the site root. */
  content: HastRoot;
  /** Second-level sections of the body. */
  sections: Heading[];
  /** Under `--since`: what changed; `null` otherwise. */
  changes: Changes | null;
  /** The language the chapter is written in. */
  language: string;
  /** The edition has no translation of this chapter: it shows the main language's. */
  untranslated: boolean;
  /** The title as HTML (its inline Markdown: code, emphasis); `title` is its text. */
  titleHtml: string;
}

/** A part of the book, opened by its first chapter: a divider page in print, a line on the site. */
export interface ChapterPart {
  /** Id of the divider, `part.2`: no chapter's slug or heading id holds a dot. */
  id: string;
  number: number;
  title: string;
  titleHtml: string;
}

/** An award tier from `cases/awards.yaml`. */
export interface AwardTier {
  id: string;
  label: string;
  /** Language tag → translated label. */
  translations: Readonly<Record<string, string>>;
}

/** A case study: published fields only. The type has no `contact`, so no template can leak it. */
export interface CaseStudy extends PublishedCaseMatter {
  kind: 'case';
  slug: string;
  path: string;
  id: string;
  content: HastRoot;
  sections: Heading[];
  /** The award the editors gave, if any. */
  award: AwardTier | null;
  stats: BodyStats;
  /** Under `--since`: what changed; `null` otherwise. */
  changes: Changes | null;
  /** The language the body is written in (`language:`, by default the book's main language). */
  language: string;
  /** The language of `title` and of `summary`: the edition's when translated, else `language`. */
  titleLanguage: string;
  summaryLanguage: string;
  /** The title as HTML (its inline Markdown: code, emphasis); `title` is its text. */
  titleHtml: string;
}

/** Everything a renderer needs. */
export interface Book {
  /** The settings of this edition: `language` is the edition's, titles translated. */
  settings: BookSettings;
  /** Fixed text in the edition's language. */
  labels: Labels;
  /** Languages of every edition of the book, the main one first; one for a single-language book. */
  editions: readonly string[];
  /** Sorted by their `NN-` prefix. */
  chapters: Chapter[];
  /** In compendium order: awarded cases by tier, then the rest, each group by title. */
  cases: CaseStudy[];
  /** Tiers in the order `awards.yaml` lists them. */
  tiers: AwardTier[];
  /** Case slug → tier. */
  awards: Map<string, AwardTier>;
  /** Files to copy into the site, without duplicates. */
  assets: Asset[];
  /** Numbered figures, tables and labelled sections. */
  xrefs: Xrefs;
  /** Formatted citations and the list of references. */
  cited: Cited;
  /** Where each link between files leads (`data-link` key → target); `null`: nowhere in the book. */
  links: Map<string, LinkTarget | null>;
  /** The table of contents (and of the PDF outline), in the edition's language. */
  toc: TocEntry[];
  /** The compendium's indices by country, SDG and committee. */
  indices: Indices;
  /** The compendium's charts (cases per SDG, per country), drawn; none when the book has no cases. */
  charts: BookChart[];
  /** How the awards were decided, when the book's judging has results: never a judge's score. */
  decided?: AwardsDecided;
}

/** A chart drawn for the book, with the table of its values. */
export interface BookChart {
  id: string;
  /** Its caption. */
  title: string;
  svg: string;
  table: { columns: string[]; rows: string[][] };
}

/** One entry of the table of contents (and of the PDF outline). */
export interface TocEntry {
  /** Id of the target heading. */
  id: string;
  /** Number shown before the title, such as `2`; `null` when unnumbered. */
  label: string | null;
  title: string;
  /** The title as HTML, where it has inline Markdown (a chapter's or a case's). */
  titleHtml?: string;
  /** `lang` of the title where it is not the book's (an untranslated chapter, a case). */
  lang?: string | null;
  /** A part's entry: its chapters follow it, at the same level. */
  part?: boolean;
  children: TocEntry[];
}

/** One heading of an index and the cases under it. */
export interface IndexGroup {
  /** Stable key: country code, SDG number or committee id. */
  key: string;
  title: string;
  /** Cases in compendium order. */
  cases: { id: string; title: string; lang: string | null }[];
}

/** The three indices of the compendium. */
export interface Indices {
  byCountry: IndexGroup[];
  bySdg: IndexGroup[];
  byCommittee: IndexGroup[];
}

/** Formatted citations and references, as HTML from citeproc. */
export interface Cited {
  /**
   * `<cite>` element id → citation HTML, such as `(Smith &#38; Lee, 2020, p. 12)`, and the key its
   * link goes to; in a note style, the footnote's text, and for a narrative citation the authors
   * the running text names.
   */
  citations: Map<string, { html: string; key: string; author?: string }>;
  /** Cited key → its entry in the list of references. */
  /**
   * Each cited entry: its key, element id, HTML, the language its item declares (CSL `language`),
   * and whether its own words are written without CJK characters.
   */
  references: { key: string; id: string; html: string; language?: string; latin?: boolean }[];
  /** The style is of class `note`: each citation is a footnote of its file. */
  notes: boolean;
}

/** Where a link to another file of the book leads. */
export interface LinkTarget {
  /** Site page, such as `chapters/ethics.html`. */
  page: string;
  /** Element id on it. */
  id: string;
  /** The element opens the page (a chapter's title): the site links to the page itself. */
  top: boolean;
}

/** A link to another file (or a place in one), as the transform found it. */
export interface Link {
  /** Key of the `data-link` placeholder, unique in the book. */
  key: string;
  /** Path relative to the content root, as the link names it, without `#fragment`. */
  path: string;
  /** The fragment, decoded, without `#`; empty when there is none. */
  fragment: string;
  /** The `href` as written, for messages. */
  href: string;
  position?: Position | undefined;
}

/** Parsed YAML front matter of a Markdown file, kept with what is needed to locate its nodes. */
export interface FrontMatter {
  /** The parsed YAML document (for node positions). */
  document: Document.Parsed;
  /** Offset in the file at which the YAML text starts. */
  offset: number;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `load`: the front matter as plain data (`undefined` when there is none). */
    matter: unknown;
    /** Set by `load`: the YAML document behind `matter`. */
    frontMatter: FrontMatter;
    /** Set by the caller of `transform`: prefix of every id in the file. */
    idPrefix: string;
    /** Set by the caller of `transform`: what the file is, for rules that differ. */
    kind: 'chapter' | 'case';
    /** Set by `load` (chapters) or the caller of `transform` (cases): the language the text is in. */
    language: string;
    /** Set by the caller of `transform`: raw HTML is kept as written (`trustChapters`). */
    trusted: boolean;
    /** Set by `transform`: the body had raw HTML. */
    raw: boolean;
    /** Set by `transform`: size of the body. */
    stats: BodyStats;
    /** Set by the caller of `transform` under `--since`: the file then (`null`: it did not exist). */
    previous: string | null;
    /** Set by `transform` under `--since`: blocks added or changed. */
    changes: Change[];
    /** Set by `transform` under `--since`: text of the blocks removed. */
    removedBlocks: string[];
    /** Set by `load` under `--since`: the published front matter differs from then. */
    matterChanged: boolean;
    /** Set by `transform`: figures, tables and labelled sections. */
    anchors: Anchor[];
    /** Set by `transform`: `@fig:x` cross-references. */
    refs: Reference[];
    /** Set by `transform`: citations. */
    citations: Citation[];
    /** Set by `transform`: second-level headings. */
    sections: Heading[];
    /** Set by `transform`: files referenced by images. */
    assets: Asset[];
    /** Set by `transform`: links to other files of the book. */
    links: Link[];
    /** Set by `transform`: every element id of the file, scoped. */
    ids: string[];
    /** Set by `transform`: the ids of the file's headings, in order. */
    headings: string[];
    /** Set by `transform`: the chapter's chart blocks, for `rehype-charts` (not kept after it). */
    chartBlocks: ChartBlock[];
    /** Set by `transform`: files read besides the Markdown and its images (chart specifications and data). */
    inputs: string[];
  }
}

/** The collection as `check()` leaves it: settings, every case file, the awards. */
export interface Collection {
  settings: BookSettings;
  cases: VFile[];
  awards: Awards;
  /** Reviewers' comments on each chapter or case that has any, by source path. */
  comments: ReadonlyMap<string, CommentCount>;
}

/** How the awards were decided, as the compendium says it. */
export interface AwardsDecided {
  /** Judges who returned scores. */
  judges: number;
  /** Cases scored. */
  cases: number;
  judgesPerCase: number;
  /** The criteria, each with its labels by language, and weight. */
  criteria: { label: string; translations: Readonly<Record<string, string>>; weight: number }[];
  /** Pairs of a judge and a case of their committee left out for a conflict of interest. */
  conflicts: number;
  /** The screening round, when there was one: its question's labels, the cases it read and passed. */
  screened?: { label: string; translations: Readonly<Record<string, string>>; cases: number; passed: number };
}

/** How many comments a chapter or case has, open (found in its text or orphaned) and resolved. */
export interface CommentCount {
  open: number;
  /** Open comments whose text is gone. */
  orphaned: number;
  resolved: number;
}

/** The editors' decisions. */
export interface Awards {
  tiers: AwardTier[];
  /** Case slug → tier. */
  byCase: Map<string, AwardTier>;
}

/** Something a cross-reference resolves to. */
export interface Target {
  key: string;
  kind: 'figure' | 'table' | 'section' | 'equation';
  /** Id of the element. */
  id: string;
  /** Site page holding it, such as `chapters/energy.html`. */
  page: string;
  /** "3.2" for figures and tables; `null` for sections. */
  number: string | null;
  /** What a reference reads: "Figure 3.2", or a section's title in quotation marks. */
  label: string;
  /** What precedes its caption: "Figure 3.2: ". */
  caption: string;
  /** Caption or heading text. */
  title: string;
}

/** Every target of the book. */
export interface Xrefs {
  targets: Map<string, Target>;
  /** Figures in book order, for the list of figures. */
  figures: Target[];
  tables: Target[];
}

/** A chart block as written. */
export interface ChartBlock {
  /** The block's text (YAML or JSON). */
  value: string;
  /** `fig:label` from `{#fig:label}` after `chart`, if any. */
  label: string | undefined;
  /** Line and column of the fence. */
  line: number;
  column: number;
}
