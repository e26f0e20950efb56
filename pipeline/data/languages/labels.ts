/**
 * What a language entry of the registry holds: its fixed text (`Labels`), and how the book sets,
 * cites and breaks text in it (`Language`).
 */
import type { Committee } from '../committees.js';

/** Fixed text of the book in one language. */
export interface Labels {
  contents: string;
  compendium: string;
  compendiumIntro: string;
  /** `{number}`: "Chapter 2". */
  chapter: string;
  /** `{number}`, or `{roman}` for its Roman numeral: "Part II". */
  part: string;
  previous: string;
  next: string;
  /** Name of the previous/next navigation. */
  pager: string;
  organization: string;
  country: string;
  committee: string;
  sdgs: string;
  /** `{number}`: a badge's "SDG 6". */
  sdg: string;
  website: string;
  indices: string;
  /** `{number}`: "Equation 2.3". */
  equation: string;
  /** `{number}`: "Figure 3.2". */
  figure: string;
  /** `{number}`: "Table 3.2". */
  table: string;
  /** `{title}`: how a reference to a section reads. */
  quoted: string;
  /** `{label}`: what precedes a caption, "Figure 3.2: ". */
  captionLabel: string;
  /** Heading of a chapter's key messages' panel. */
  keyMessages: string;
  /** Heading of the compendium's account of the judging. */
  awardsDecided: string;
  /**
   * `{judges}`, `{cases}`, `{criteria}` (a list of "label (weight n)"), `{perCase}`,
   * `{conflicts}`: the compendium's account of the judging.
   */
  awardsMethod: string;
  /**
   * `{cases}`, `{passed}`, `{label}` (the screening's question): the sentence that opens
   * `awardsMethod` when a screening round came first.
   */
  awardsScreened: string;
  /** `{label}`, `{weight}`: one criterion in `awardsMethod`'s list. */
  criterionWeight: string;
  /** Between the items of a list in running text: ", ", "、". */
  listSeparator: string;
  /** The compendium's link to the submission form (`submissionForm: public`). */
  submitCase: string;
  /** The EPUB's landmarks (a hidden part of its navigation document). */
  epubLandmarks: string;
  /** The EPUB's list of the printed book's pages. */
  epubPages: string;
  /** The EPUB's accessibility summary, for those who choose a book by how it can be read. */
  epubAccessibility: string;
  /** `{name}`: a judge's packet's heading. */
  packet: string;
  /** `{name}`: a screener's packet's heading. */
  packetScreening: string;
  /** What a blind packet leaves out, in one sentence. */
  packetBlind: string;
  /** Heading of the criteria in a judge's packet. */
  criteria: string;
  listOfFigures: string;
  listOfTables: string;
  /** Heading of a chapter's footnotes. */
  notes: string;
  /** `{number}`: a footnote's link back to where it is referenced. */
  backToReference: string;
  references: string;
  /** `{revision}`. */
  changes: string;
  /** `{revision}`. */
  removedSince: string;
  cardChanged: string;
  noChanges: string;
  byCountry: string;
  bySdg: string;
  byCommittee: string;
  chartSdgs: string;
  chartCountries: string;
  skipToContent: string;
  /** The watermark of a draft. */
  draftMark: string;
  /** The button that shows the site header's links on a narrow screen. */
  menu: string;
  /** The site's link to the edition's PDF. */
  downloadPdf: string;
  /** The site's search box, and what it says when nothing is found. */
  search: string;
  searchNone: string;
  /** Under a chart drawn from data: opens the table of its values. */
  chartData: string;
  /** Axis titles of the compendium's charts. */
  chartCases: string;
  chartGoal: string;
  chartCountry: string;
  /** The imprint page's headings. */
  suggestedCitation: string;
  licence: string;
  disclaimer: string;
  /** `{date}`, `{revision}`: the line on every page of a draft. */
  draftBuilt: string;
  /** Stands for the revision of a draft built outside git. */
  outsideGit: string;
  /** `{language}`: the note above a chapter shown untranslated, in the language it is shown in. */
  untranslated: string;
  /** Name of the language switcher. */
  editions: string;
  /** The award certificate: "<alliance> presents the <award> to <organisation> for the case study <title>". */
  certificates: string;
  certificatePresents: string;
  certificateTo: string;
  certificateFor: string;
  /**
   * How a source note under a figure or a table starts, before its colon ("Source:"): any
   * language's words mark one in any file.
   */
  sourceNotes: readonly string[];
  /** The `##` sections every case study written in this language has, in order. */
  caseSections: readonly [string, ...string[]];
  committees: Readonly<Record<Committee, string>>;
  /** Short names of the 17 SDGs, in order. */
  sdgNames: readonly string[];
}

/** How text in a language is set: line breaking, and the faces that cover it. */
export type Script = 'latin' | 'hans' | 'hant' | 'ja' | 'ko' | 'other';

/** One entry of the language registry (`data/languages/index.ts`). */
export interface Language {
  /** The BCP 47 tag it answers for. */
  tag: string;
  /** Other tags it answers for, by region or script: `zh-Hans`, `zh-CN`. */
  also?: readonly string[];
  /**
   * Fixed text. A language without it is set, cited and hyphenated as its entry says, with the
   * English fixed text (and a warning in the settings).
   */
  labels?: Labels;
  /** The CSL locale it cites in: shipped (`citations/locales/`) or bundled with citation-js. */
  citationLocale: string;
  /** How a fallback author list joins names: "Smith and Lee", "Smith et al.". */
  names: { and: string; etAl: string };
  direction: 'ltr' | 'rtl';
  script: Script;
  /** The `hyphen` package's patterns for it, if any: print text gets soft hyphens from them. */
  hyphenation?: string;
}
