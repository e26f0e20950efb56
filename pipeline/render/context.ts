/**
 * What every renderer is handed, once, instead of long parameter lists.
 */
import type { Browser, BrowserContext } from 'puppeteer';
import type { Templates } from './templates.js';
import type { Marks } from './view/view.js';

/** What every output is made with: the templates, and how the outputs are marked. */
export interface RenderContext {
  templates: Templates;
  /** Draft (watermark, build line, change bars) and `--since` revision: the same on every output. */
  marks: Marks;
  /** Each edition's book PDF, by language, as a name in the output folder: the site links to it. */
  pdfs?: ReadonlyMap<string, string>;
  /** Whether the build draws each page's social card (the site's pages name them). */
  cards?: boolean;
}

/** What every print is made with besides: a browser, a folder to write to, what it may load. */
export interface PrintContext extends RenderContext {
  /** A browser (or a context of it) owned by the caller. */
  browser: Browser | BrowserContext;
  /** Folder to write the print documents and their CSS into. */
  printDir: string;
  /** Folder the print page may load files from; every other request is blocked. */
  allowedRoot: string;
  /** Milliseconds allowed for loading a document and for printing it, each. */
  timeout?: number;
  signal?: AbortSignal;
}

/**
 * Pages of one case in the book, 1-based and inclusive: the print finds them, the case PDFs and
 * the dashboard read them.
 */
export interface PageRange {
  from: number;
  to: number;
  /** The pages as the book numbers them (its footers, contents and page labels): "18–25". */
  printed: string;
}
