/**
 * Content root → every output: checked content rendered, printed and committed to the output folder.
 */
import { commentsBySource } from './review/index.js';
import { releaseSharedPool } from './transform/pool.js';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer';
import { VFile as VFileClass, type VFile } from 'vfile';
import { currentRevision } from './load/revision.js';
import { lockOutput, preflightOutput } from './render/output/lock.js';
import { sweepProfiles } from './render/output/pid.js';
import { buildDate } from './render/build-date.js';
import { warn } from './model/message.js';
import { renderOutputs, type Output, type Outputs } from './render/index.js';
import { TransformCache } from './transform/cache.js';
import { check, resolveRoot, timer, type CheckOptions, type CheckResult } from './check.js';
import { defaultTemplates } from './render/templates.js';
import { readFaces } from './render/font-files.js';
import { directories } from './model/directories.js';

/** Options of `build()`. */
export interface BuildOptions extends CheckOptions {
  /** Output folder. Default: `output/` under the root. */
  out?: string;
  /** Build the HTML site only, without printing the PDF. */
  htmlOnly?: boolean;
  /** Also cut a standalone PDF per case out of the book (`output/cases/<slug>.pdf`). */
  casePdfs?: boolean;
  /** Also write an EPUB 3 of each edition (`output/<name>-<language>.epub`), as the `epub` setting does. */
  epub?: boolean;
  /**
   * The outputs to make, each when the build wants it: `defaultOutputs` (site, book PDFs,
   * certificates, case PDFs, dashboard), or a list with outputs of your own (`Output`).
   */
  outputs?: readonly Output[];
  /** Mark the outputs as a draft: watermark, build date and commit, banner; change bars with `since`. */
  draft?: boolean;
  /**
   * Let the site's readers comment on it: each page shows the comments kept in `review/`, and a
   * reader's new ones are kept in their browser and exported as one file (`review import`).
   */
  review?: boolean;
  /** Milliseconds allowed for launching the browser, loading a document and printing it, each (default 120 000; launch 30 000). */
  timeout?: number;
  /**
   * Print in a browser that is already running (its DevTools WebSocket URL) instead of starting
   * one: the build prints in browser contexts of its own and leaves the browser running. The
   * tests share one Chromium this way.
   */
  browserEndpoint?: string;
  /** Cancels the build; the browser is closed and the old output kept. */
  signal?: AbortSignal;
  /** Folder that keeps transformed bodies between builds, so that unchanged files are not transformed again. Default `.cache/` in the output folder; `false` keeps none (`--no-cache`). */
  cacheDir?: string | false;
}

/** What a build produced. */
export interface BuildResult extends CheckResult {
  /** What was written: with content errors only the dashboard; `null` when the settings are invalid. */
  outputs: Outputs | null;
}

/**
 * Build the HTML site, the editors' dashboard and, unless `htmlOnly`, the book PDF and the
 * award certificates (and with `casePdfs` a PDF per case). Output is written to a staging
 * folder and moved into place only when everything succeeded. When the content has errors,
 * only the dashboard is written.
 *
 * @param options Content root, output folder and what to build.
 * @returns Files with their messages, and what was written.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = resolveRoot(options.root);
  const out = resolve(options.out ?? join(root, directories.output));
  // What can be checked about the output folder is checked before any work starts; one build at
  // a time writes into it.
  await preflightOutput(out);
  const release = await lockOutput(out);
  // Browser profiles of killed builds go, whether or not this build prints.
  await sweepProfiles();
  try {
    const launcher = options.htmlOnly ? undefined : browserLauncher(options.timeout, options.browserEndpoint);
    // Chromium starts while the content is checked. On two cores it starts once the bodies are
    // transformed, while the book is assembled: started at once, its start-up competed with the
    // transform worker and the citation worker (measured on the large corpus: 0.4 s later to
    // the print). With more cores each has one of its own.
    if (availableParallelism() > 2) launcher?.start();
    try {
      return await buildWith(root, out, options, launcher);
    } finally {
      await launcher?.close();
    }
  } finally {
    await release();
  }
}

/** The browser of a build, started once: by `start()`, or when a print first needs it. */
interface BrowserLauncher {
  start(): void;
  /** The browser, or the failure to start it, held as a value until a print needs the browser. */
  browser(): Promise<Browser | Error>;
  /** Close it, if it was started. */
  close(): Promise<void>;
}

function browserLauncher(timeout: number | undefined, endpoint: string | undefined): BrowserLauncher {
  let launching: Promise<{ browser: Browser | Error; close: () => Promise<void> }> | undefined;
  const failed = (error: unknown) => ({
    browser: error instanceof Error ? error : new Error(String(error)),
    close: async () => {},
  });
  // What closes the browser comes with it, so that no module is loaded on the way out.
  const launch = () =>
    (launching ??= import('./render/print/index.js').then(
      ({ launchBrowser, closeBrowser, connectBrowser }) =>
        (endpoint ? connectBrowser(endpoint, timeout) : launchBrowser(timeout ? { timeout } : {})).then(
          (browser) => ({ browser, close: () => (endpoint ? browser.disconnect() : closeBrowser(browser)) }),
          failed,
        ),
      failed,
    ));
  return {
    start: () => void launch(),
    browser: () => launch().then((launched) => launched.browser),
    close: async () => {
      await (await launching)?.close();
    },
  };
}

async function buildWith(
  root: string,
  out: string,
  options: BuildOptions,
  launcher: BrowserLauncher | undefined,
): Promise<BuildResult> {
  const transforms =
    options.cache || options.cacheDir === false
      ? undefined
      : await TransformCache.open(join(options.cacheDir ?? join(out, directories.cache), 'transforms.json'));
  const checked = await check({
    ...options,
    root,
    charts: true,
    ...(transforms ? { transforms } : {}),
    onProgress: (stage, ms) => {
      if (stage === 'transform') {
        launcher?.start();
        // Main-thread work the outputs need anyway, done while assemble waits for citations.
        setImmediate(readFaces);
      }
      options.onProgress?.(stage, ms);
    },
  });
  // Every body is transformed: the worker's memory goes back before Chromium needs its own.
  if (!options.pool) await releaseSharedPool();
  if (!checked.collection) return { ...checked, outputs: null };
  // Kept only when the content had no errors: a failed build leaves the cache as it was. The
  // cache only saves time, so one that cannot be written is a warning, not a failure. Written
  // while Chromium prints, when Node would only wait.
  let saving: Promise<VFile | null> | undefined;
  const save = () => (saving ??= checked.book ? saveCache(transforms, out) : Promise.resolve(null));
  const { editions } = checked;
  const outputs = await renderOutputs(editions, checked.collection, {
    ...(launcher ? { browser: launcher.browser() } : {}),
    whilePrinting: save,
    out,
    templates: [defaultTemplates, join(root, 'templates')],
    ...(options.htmlOnly ? { htmlOnly: true } : {}),
    ...(options.casePdfs ? { casePdfs: true } : {}),
    ...(options.epub ? { epub: true } : {}),
    ...(options.outputs ? { outputs: options.outputs } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    time: timer(options.onProgress),
    judging: checked.judging,
    marks: {
      draft: options.draft ? { ...currentRevision(root), date: buildDate() } : null,
      since: options.since ?? null,
      comments: commentsBySource(checked.review.comments),
      review: options.review ? { kind: 'browser' } : null,
    },
  });
  const cacheFile = await save();
  const files = [
    ...checked.files,
    ...(outputs.printFile ? [outputs.printFile] : []),
    ...(cacheFile ? [cacheFile] : []),
    ...(transforms?.problem ? [cacheProblem(transforms.problem, out)] : []),
  ];
  return { ...checked, editions, book: editions[0] ?? checked.book, files, outputs };
}

/**
 * A cache file that was there but not used: a warning, since the build goes on without it.
 *
 * @param problem Why it was not used.
 * @param out Output folder.
 * @returns A file holding the `cache-integrity` warning.
 */
function cacheProblem(problem: string, out: string): VFile {
  const file = new VFileClass({ cwd: out, path: '.cache/transforms.json' });
  warn(
    file,
    `Unexpected build cache, ${problem}, expected one written by this user's builds: ignored, every file is transformed again`,
    { line: 1, column: 1 },
    'cache-integrity',
  );
  return file;
}

/**
 * Write the build cache.
 *
 * @returns A file holding a `cache-write` warning when it could not be written, else `null`.
 */
async function saveCache(transforms: TransformCache | undefined, out: string): Promise<VFile | null> {
  try {
    await transforms?.save();
    return null;
  } catch (cause) {
    const file = new VFileClass({ cwd: out, path: '.cache/transforms.json' });
    warn(
      file,
      `Unexpected failure writing the build cache (${(cause as NodeJS.ErrnoException).code ?? String(cause)}), expected a writable \`.cache\` folder: the next build transforms every file again`,
      undefined,
      'cache-write',
    );
    return file;
  }
}
