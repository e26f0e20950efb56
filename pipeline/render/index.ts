/**
 * The checked collection → every output the build wants, each a module of `./outputs/` listed in
 * `defaultOutputs` (the site, the book PDFs, the certificates, the case PDFs, the dashboard).
 */
import type { Judging } from '../judging/index.js';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { InterruptedError, WhitepaperError } from '../model/errors.js';
import type { Book, Collection } from '../model/types.js';
import type { PrintContext, RenderContext } from './context.js';
import { outputError } from './output/lock.js';
import { createStaging } from './output/staging.js';
import {
  defaultOutputs,
  type Made,
  type Output,
  type OutputJob,
  type OutputOptions,
  type Outputs,
} from './outputs/index.js';
import { loadTemplates } from './templates.js';
import { noMarks, type Marks } from './view/view.js';

export {
  defaultOutputs,
  type EditionOutputs,
  type Made,
  type Output,
  type OutputJob,
  type Outputs,
} from './outputs/index.js';

/** Options of `renderOutputs`. */
export interface RenderOptions {
  out: string;
  /** Template folders, lowest precedence first. */
  templates: string[];
  htmlOnly?: boolean;
  casePdfs?: boolean;
  epub?: boolean;
  /** The outputs to make, each when the build wants it (default `defaultOutputs`). */
  outputs?: readonly Output[];
  /** Milliseconds allowed for launching the browser, loading a document and printing it, each. */
  timeout?: number;
  signal?: AbortSignal;
  /** Marks the end of a stage. */
  time: (stage: string) => void;
  /** Draft label and `--since` revision. */
  marks?: Marks;
  /** The judging of the cases, for the editors' outputs. */
  judging?: Judging;
  /** A browser the caller started early and closes itself (or the error its launch gave). */
  browser?: Promise<Browser | Error>;
  /** Work of the caller's for the time Chromium prints and Node waits (the build cache's writing). */
  whilePrinting?: () => Promise<unknown>;
}

/**
 * Make every output the build wants through a staging folder, at once: each output waits for
 * what it needs of another (`job.result`, `job.event`). Without a book (the content has errors)
 * only the outputs that want no book are made (the editors' dashboard, so that editors see what
 * to fix); everything else keeps the previous build.
 *
 * @param books Every edition, the main one first; none when the content has errors.
 * @param collection Settings, case files and awards.
 * @param options Output folder and what to build.
 * @returns Paths written.
 */
export async function renderOutputs(
  books: readonly Book[],
  collection: Collection,
  options: RenderOptions,
): Promise<Outputs> {
  const { out, time } = options;
  // One context for every output: the same templates and marks on the site, the PDF and the certificates.
  const context: RenderContext = { templates: await loadTemplates(options.templates), marks: options.marks ?? noMarks };
  const staging = await createStaging(out).catch((cause: unknown) => {
    throw outputError(out, cause);
  });
  const asked: OutputOptions = {
    ...(options.htmlOnly ? { htmlOnly: true } : {}),
    ...(options.casePdfs ? { casePdfs: true } : {}),
    ...(options.epub ? { epub: true } : {}),
  };
  const wanted = (options.outputs ?? defaultOutputs).filter((output) => output.wanted(asked, books));
  let browser: Promise<Browser> | undefined;
  try {
    if (books.length > 0 && options.signal?.aborted) throw new InterruptedError();
    const events = new Map<string, { promise: Promise<void>; resolve: () => void }>();
    const event = (name: string) => {
      let entry = events.get(name);
      if (!entry) {
        let resolve = () => {};
        const promise = new Promise<void>((done) => (resolve = done));
        entry = { promise, resolve };
        events.set(name, entry);
        // Nothing made in this build announces it: whoever waits goes on.
        if (!wanted.some((output) => output.announces?.includes(name))) resolve();
      }
      return entry;
    };
    const made = new Map<string, Promise<Made>>();
    const job: OutputJob = {
      books,
      collection,
      judging: options.judging,
      context,
      staging: staging.path,
      out,
      options: asked,
      time,
      print: async () => {
        browser ??= launch(options, time);
        const launched = await browser;
        await mkdir(join(staging.path, 'print'), { recursive: true });
        return {
          ...context,
          browser: launched,
          printDir: join(staging.path, 'print'),
          allowedRoot: staging.path,
          ...(options.timeout ? { timeout: options.timeout } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        } satisfies PrintContext;
      },
      result: async <Result>(name: string) => (await made.get(name))?.result as Result | undefined,
      event: (name) => event(name).promise,
      announce: (name) => event(name).resolve(),
    };
    for (const output of wanted) output.prepare?.(job);
    // The caller's work for the time Chromium prints runs only in a build that is going well.
    let failed = false;
    for (const output of wanted)
      made.set(
        output.name,
        Promise.resolve()
          .then(() => output.make(job))
          .catch((cause: unknown) => {
            failed = true;
            throw cause;
          })
          // An output that ends (or fails) has announced all it will: nobody waits on it for ever.
          .finally(() => {
            for (const name of output.announces ?? []) event(name).resolve();
          }),
      );
    const whilePrinting = event('printing').promise.then(() => (failed ? undefined : options.whilePrinting?.()));
    // Every output settles before anything is thrown: nothing still writes when staging is discarded.
    const results = (await settled([...made.values(), whilePrinting])).slice(0, wanted.length) as Made[];
    if (options.signal?.aborted) throw new InterruptedError();
    const outputs = merge(out, wanted, results);
    await staging.commit(
      results.flatMap((result) => result.written),
      results.flatMap((result) => result.replaced ?? []),
    );
    return outputs;
  } catch (error) {
    await staging.discard();
    // A file system failure (a full disk, a read-only folder) is the environment's, said in one line.
    if (!(error instanceof WhitepaperError) && typeof (error as NodeJS.ErrnoException).code === 'string')
      throw outputError(out, error);
    throw error;
  } finally {
    if (browser && !options.browser) {
      const { closeBrowser } = await import('./print/index.js');
      const launched = await browser.catch(() => undefined);
      if (launched) await closeBrowser(launched);
    }
  }
}

/** The browser the caller started, or one launched now (on the first output that prints). */
async function launch(options: RenderOptions, time: (stage: string) => void): Promise<Browser> {
  const { launchBrowser } = await import('./print/index.js');
  const launched = await (options.browser ?? launchBrowser(options.timeout ? { timeout: options.timeout } : {}));
  if (launched instanceof Error) throw launched;
  time('launch browser');
  return launched;
}

/** What the outputs wrote, as one report: each output's part, the editions' entries merged. */
function merge(out: string, wanted: readonly Output[], results: readonly Made[]): Outputs {
  const outputs: Outputs = {
    site: null,
    pdf: null,
    dashboard: null,
    certificates: null,
    cases: null,
    pageCount: null,
    passes: null,
    editions: [],
    printFile: null,
    more: {},
  };
  for (const [index, result] of results.entries()) {
    const { editions, more, ...rest } = result.outputs ?? {};
    Object.assign(outputs, rest);
    Object.assign(outputs.more, more);
    for (const [at, edition] of (editions ?? []).entries())
      outputs.editions[at] = {
        ...(outputs.editions[at] ?? { language: '', site: '', pdf: null, pageCount: null }),
        ...edition,
      };
    if (!result.outputs && result.written.length > 0 && wanted[index])
      outputs.more[wanted[index].name] = join(out, result.written[0] ?? '');
  }
  return outputs;
}

/**
 * Like `Promise.all`, but waits for every promise before throwing the first failure, so that
 * nothing still writes into the staging folder when it is discarded.
 */
async function settled<const T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
