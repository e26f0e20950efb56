/**
 * A print document on disk → PDF bytes, printed by a browser page that can reach nothing else.
 */
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext } from 'puppeteer';
import { InterruptedError, PrintError } from '../../model/errors.js';

/** Options of `renderPdf`. */
export interface PdfOptions {
  /** Folder whose files the page may load; every other request is blocked. */
  allowedRoot: string;
  /** Milliseconds allowed for loading and for printing, each. */
  timeout?: number;
  signal?: AbortSignal;
  /** Told when the document has loaded and Chromium starts printing: the caller's turn to work. */
  onPrinting?: () => void;
}

/** A printed PDF and what the page tried to load but was refused. */
export interface PdfResult {
  pdf: Uint8Array;
  blocked: string[];
}

/**
 * Print an HTML file. JavaScript is off; requests outside `allowedRoot` are blocked.
 *
 * @param htmlPath Absolute path of the document, under `allowedRoot`.
 * @param browser Browser (or browser context) owned by the caller.
 * @param options Allowed folder, timeout and abort signal.
 * @returns The PDF (A4 from `@page`, tagged, with backgrounds) and the blocked URLs.
 */
export async function renderPdf(
  htmlPath: string,
  browser: Browser | BrowserContext,
  options: PdfOptions,
): Promise<PdfResult> {
  const timeout = options.timeout ?? 120_000;
  const allowed = realpathSync(options.allowedRoot) + sep;
  const blocked: string[] = [];
  if (options.signal?.aborted) throw new InterruptedError();
  const page = await browser.newPage();
  const abort = () => void page.close().catch(() => undefined);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      // Chromium's own media controls draw with data: images; data: reaches no file or host.
      const inline = url.startsWith('data:') && ['image', 'font'].includes(request.resourceType());
      if (inline || isAllowed(url, allowed)) void request.continue();
      else {
        blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    // A crashed renderer never settles `goto` or `pdf`: race them with the crash.
    const crashed = new Promise<never>((_, reject) =>
      page.once('error', (error) => reject(new Error(`the page crashed: ${error.message}`))),
    );
    await Promise.race([page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout }), crashed]);
    // No wait for web fonts here: Chromium's print lays the document out for paper and waits
    // for the faces that layout needs (tests/print-fonts.test.ts). Laying it out for the screen
    // first, to wait for them, cost 0.6 s on the large corpus. (Text only in a page margin box
    // is not waited for either way: the running heads repeat the headings, in their family.)
    const printing = page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: false,
      timeout,
    });
    options.onPrinting?.();
    const pdf = await Promise.race([printing, crashed]);
    return { pdf, blocked };
  } catch (cause) {
    if (options.signal?.aborted) throw new InterruptedError({ cause });
    throw new PrintError(`Printing \`${htmlPath}\` failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await page.close().catch(() => undefined);
  }
}

/**
 * Whether the print page may load a URL: only `file:` URLs of files under `allowed`.
 *
 * @param url Requested URL, as the browser normalised it.
 * @param allowed Allowed folder, real path with a trailing separator.
 * @returns `true` to let the request through.
 */
export function isAllowed(url: string, allowed: string): boolean {
  if (!url.toLowerCase().startsWith('file:')) return false;
  let path: string;
  try {
    path = realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
  return path.startsWith(allowed);
}

/**
 * Print a document beside the book, in a browser context of its own: a context runs in a
 * renderer process of its own, so printing beside the book does not disturb the book's node
 * numbering, which its tagged PDF records, and builds stay reproducible.
 *
 * @param htmlPath The document.
 * @param context The print context (its browser, or a context of it, and limits).
 * @returns The printed PDF, loaded.
 */
export async function printAside(
  htmlPath: string,
  context: PdfOptions & { browser: Browser | BrowserContext },
): Promise<PDFDocument> {
  const browser = 'createBrowserContext' in context.browser ? context.browser : context.browser.browser();
  const own = await browser.createBrowserContext();
  let printed;
  try {
    printed = await renderPdf(htmlPath, own, context);
  } finally {
    await own.close();
  }
  return PDFDocument.load(printed.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}
