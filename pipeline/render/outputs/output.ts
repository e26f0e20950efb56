/**
 * An output of the build (the site, the book PDF, the certificates, …) is one module that
 * implements `Output`, listed once in `./index.ts`. `renderOutputs` makes every output the build
 * wants, at once: each waits for what it needs from another through its job (`result`, `event`),
 * so the order of work (the site's pages while Chromium prints, the certificates in a second tab,
 * the dashboard after the page numbers) follows from what each says it needs.
 */
import type { Browser } from 'puppeteer';
import type { VFile } from 'vfile';
import type { Book, Collection } from '../../model/types.js';
import type { PDFDocument } from 'pdf-lib';
import type { PageRange, PrintContext, RenderContext } from '../context.js';
import type { SiteMemo } from '../site/site.js';
import type { Judging } from '../../judging/index.js';

/** What a build asks of its outputs. */
export interface OutputOptions {
  /** Only the HTML outputs: nothing is printed. */
  htmlOnly?: boolean;
  /** A PDF per case, cut from the book. */
  casePdfs?: boolean;
  /** An EPUB of each edition, also when the settings do not ask for one. */
  epub?: boolean;
}

/** What an output writes, as absolute paths where the caller reads them. */
export interface EditionOutputs {
  language: string;
  /** Its site folder: `output/site/` or, in a book of several languages, `output/site/<language>/`. */
  site: string;
  pdf: string | null;
  pageCount: number | null;
  /** Its EPUB, when the build made one. */
  epub?: string;
}

/** What was written, as absolute paths. */
export interface Outputs {
  site: string | null;
  /** The main edition's PDF. */
  pdf: string | null;
  /** The editors' dashboard, when its output was made. */
  dashboard: string | null;
  certificates: string | null;
  cases: string | null;
  /** Pages of the main edition's PDF. */
  pageCount: number | null;
  passes: number | null;
  /** Every edition, the main one first; empty when only the dashboard was written. */
  editions: EditionOutputs[];
  /** Messages about the print (blocked requests), on a file of their own. */
  printFile: VFile | null;
  /** What outputs registered from outside the list wrote, by name. */
  more: Record<string, string>;
}

/** What an output is given: the book, where to write, and the other outputs' work. */
export interface OutputJob {
  /** Every edition, the main one first; empty when the content has errors. */
  books: readonly Book[];
  collection: Collection;
  /** The judging of the cases (`judging/`), for the editors' outputs. */
  judging: Judging | undefined;
  context: RenderContext;
  /** The staging folder: an output writes below it, under the names it returns in `written`. */
  staging: string;
  /** The output folder the staging folder replaces: for the paths an output reports. */
  out: string;
  options: OutputOptions;
  /** What the build has to say about an output's own timing. */
  time(stage: string): void;
  /** Print with: the browser (launched on first ask), the print folder and limits. */
  print(): Promise<PrintContext & { browser: Browser }>;
  /** Another output's result; `undefined` when the build does not make that output. */
  result<Result>(name: string): Promise<Result | undefined>;
  /**
   * Resolves when an output announces `name` (`site-assets`, `printing`), or when the one that
   * would announce it is done or not made at all.
   */
  event(name: string): Promise<void>;
  /** Announce `name` to the outputs waiting for it. */
  announce(name: string): void;
}

/** What the submission forms' output hands on: each form's language and page (the dashboard links them; the site holds them when they are public). */
export type SubmitForms = { language: string; html: string }[];

/** What an output did. */
export interface Made<Result = unknown> {
  /** Names below the staging folder it wrote: they replace the last build's. */
  written: string[];
  /** Names in the output folder it replaces without writing them again (stale book PDFs). */
  replaced?: string[];
  /** Its part of what the build reports; its editions' entries are merged with the others'. */
  outputs?: Partial<Omit<Outputs, 'editions'>> & { editions?: Partial<EditionOutputs>[] };
  /** What other outputs may ask of it (`job.result(name)`). */
  result?: Result;
}

/** One output of the build. */
export interface Output<Result = unknown> {
  /** Its name, unique in the list: what other outputs ask for. */
  name: string;
  /** The events it announces: an output waiting for one goes on when this output is done. */
  announces?: readonly string[];
  /**
   * Whether the build makes it.
   *
   * @param options What the build asks.
   * @param books The editions; empty when the content has errors.
   */
  wanted(options: OutputOptions, books: readonly Book[]): boolean;
  /** Set up what other outputs read from the context before any output starts (the PDFs' names). */
  prepare?(job: OutputJob): void;
  make(job: OutputJob): Promise<Made<Result>>;
  /**
   * Its files in memory, for the preview, which serves them without writing: what `make` would
   * write, path below the output's folder → file. Only an output read in a browser has it.
   *
   * @param memo Pages rendered before, re-rendered only when their inputs change; updated.
   */
  serve?(books: readonly Book[], context: RenderContext, memo?: SiteMemo): Map<string, ServedFile>;
}

/** A file served from memory: text rendered, or an asset published from its source file. */
export type ServedFile = { text: string } | { source: string };

/** What the book output gives the outputs that follow it (`job.result<BookPages>('book')`). */
export interface BookPages {
  /** The main edition's PDF, to cut case PDFs from. */
  document: PDFDocument;
  /** Each case's pages in it, by slug. */
  ranges: Map<string, PageRange>;
  /** Each edition's PDF, by language: its name in the output folder and its bytes. */
  pdfs: Map<string, { name: string; bytes: Uint8Array }>;
  /** The main edition's page of each contents entry (1-based), and each page's label. */
  pages: { of: Map<string, number>; labels: string[] };
}
