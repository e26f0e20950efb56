/**
 * Content root → every output: checked content rendered, printed and committed to the output folder.
 */
import { withCharts } from './assemble/charts.js';
import { releaseSharedPool } from './transform/pool.js';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer';
import { VFile as VFileClass, type VFile } from 'vfile';
import { currentRevision } from './load/revision.js';
import { lockOutput, preflightOutput } from './render/output/lock.js';
import { sweepProfiles } from './render/output/pid.js';
import { buildDate } from './render/build-date.js';
import { warn } from './message.js';
import { renderOutputs, type Outputs } from './render/index.js';
import { TransformCache } from './transform/cache.js';
import { check, resolveRoot, timer, type CheckOptions, type CheckResult } from './check.js';
import { defaultTemplates } from './render/templates.js';

/** Options of `build()`. */
export interface BuildOptions extends CheckOptions {
  /** Output folder. Default: `output/` under the root. */
  out?: string;
  /** Build the HTML site only, without printing the PDF. */
  htmlOnly?: boolean;
  /** Also cut a standalone PDF per case out of the book (`output/cases/<slug>.pdf`). */
  casePdfs?: boolean;
  /** Mark the outputs as a draft: watermark, build date and commit, banner; change bars with `since`. */
  draft?: boolean;
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
  const out = resolve(options.out ?? join(root, 'output'));
  // What can be checked about the output folder is checked before any work starts; one build at
  // a time writes into it.
  await preflightOutput(out);
  const release = await lockOutput(out);
  // Browser profiles of killed builds go, whether or not this build prints.
  await sweepProfiles();
  try {
    // Chromium starts while the content is checked: its second of start-up is mostly waiting.
    const launching = options.htmlOnly ? undefined : launchEarly(options.timeout, options.browserEndpoint);
    try {
      return await buildWith(
        root,
        out,
        options,
        launching?.then((launched) => launched.browser),
      );
    } finally {
      await (await launching)?.close();
    }
  } finally {
    await release();
  }
}

/**
 * Start the browser, holding a failure as a value until a print needs the browser. What closes
 * it comes with it, so that no module is loaded on the way out.
 */
function launchEarly(
  timeout: number | undefined,
  endpoint: string | undefined,
): Promise<{ browser: Browser | Error; close: () => Promise<void> }> {
  return import('./render/print/index.js').then(
    ({ launchBrowser, closeBrowser, connectBrowser }) =>
      (endpoint ? connectBrowser(endpoint, timeout) : launchBrowser(timeout ? { timeout } : {})).then(
        (browser) => ({ browser, close: () => (endpoint ? browser.disconnect() : closeBrowser(browser)) }),
        (error: unknown) => ({
          browser: error instanceof Error ? error : new Error(String(error)),
          close: async () => {},
        }),
      ),
    (error: unknown) => ({ browser: error instanceof Error ? error : new Error(String(error)), close: async () => {} }),
  );
}

async function buildWith(
  root: string,
  out: string,
  options: BuildOptions,
  browser: Promise<Browser | Error> | undefined,
): Promise<BuildResult> {
  const transforms =
    options.cache || options.cacheDir === false
      ? undefined
      : await TransformCache.open(join(options.cacheDir ?? join(out, '.cache'), 'transforms.json'));
  const checked = await check({ ...options, root, ...(transforms ? { transforms } : {}) });
  // Every body is transformed: the worker's memory goes back before Chromium needs its own.
  if (!options.pool) await releaseSharedPool();
  if (!checked.collection) return { ...checked, outputs: null };
  // Kept only when the content had no errors: a failed build leaves the cache as it was. The
  // cache only saves time, so one that cannot be written is a warning, not a failure. Written
  // while Chromium prints, when Node would only wait.
  let saving: Promise<VFile | null> | undefined;
  const save = () => (saving ??= checked.book ? saveCache(transforms, out) : Promise.resolve(null));
  const editions = await withCharts(checked.editions, transforms);
  const outputs = await renderOutputs(editions, checked.collection, {
    ...(browser ? { browser } : {}),
    whilePrinting: save,
    out,
    templates: [defaultTemplates, join(root, 'templates')],
    ...(options.htmlOnly ? { htmlOnly: true } : {}),
    ...(options.casePdfs ? { casePdfs: true } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    time: timer(options.onProgress),
    marks: {
      draft: options.draft ? { ...currentRevision(root), date: buildDate() } : null,
      since: options.since ?? null,
    },
  });
  const cacheFile = await save();
  const files = [
    ...checked.files,
    ...(outputs.printFile ? [outputs.printFile] : []),
    ...(cacheFile ? [cacheFile] : []),
  ];
  return { ...checked, editions, book: editions[0] ?? checked.book, files, outputs };
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
