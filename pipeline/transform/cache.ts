/**
 * Transformed bodies kept by content hash, so that a rebuild transforms only what changed: in
 * memory by the preview, on disk (`output/.cache/`) between builds.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import type { FrontMatterMemo } from '../load/sources.js';
import type { Asset } from '../model/types.js';

interface Entry {
  content: HastRoot;
  data: Pick<
    VFile['data'],
    | 'sections'
    | 'assets'
    | 'stats'
    | 'changes'
    | 'removedBlocks'
    | 'anchors'
    | 'refs'
    | 'citations'
    | 'links'
    | 'ids'
    | 'headings'
    | 'inputs'
  >;
  /** Size and time of each image in `data.assets`, then of each file in `data.inputs`, when the body was transformed. */
  stamps: string[];
  /** Run in which the entry was last used. */
  run: number;
}

/** A whole-book result, with a key of everything it depends on. */
interface Result {
  key: string;
  value: unknown;
}

/** What the cache file holds after its first line. */
interface Stored {
  entries: [string, Omit<Entry, 'run'>][];
  results: [string, Result][];
}

/** Size and modification time of a file, or `null` when it is gone. */
function stampOf(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Whether an image is still the file it was: its name leads to the same file, unchanged. */
function unchanged({ named, source }: Asset, stamp: string | undefined): boolean {
  try {
    return realpathSync(named ?? source) === source && stampOf(source) === stamp;
  } catch {
    return false;
  }
}

let codeVersion: string | undefined;

/**
 * A hash of the code that transforms: the pipeline's sources and the locked dependencies. A
 * cache file written by other code is not read.
 */
function version(): string {
  if (codeVersion) return codeVersion;
  const pipeline = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[cm]?[jt]s$/.test(entry.name)) hash.update(path).update(readFileSync(path));
    }
  };
  walk(pipeline);
  try {
    hash.update(readFileSync(join(pipeline, '..', 'package-lock.json')));
  } catch {
    // Installed without a lock file: the sources alone.
  }
  codeVersion = hash.digest('hex');
  return codeVersion;
}

/** Largest cache file read, in bytes (the large corpus's is under 5 MB). */
const maxCacheSize = 256 * 1024 * 1024;

let secret: Promise<Buffer> | undefined;

/**
 * The key that signs cache files: kept for the user outside any output folder (so that whoever
 * can edit an output folder cannot sign what it holds), made on first use. Where it cannot be
 * kept, a key for this process: caches are then not reused between builds, but never trusted
 * unsigned.
 */
function cacheKey(): Promise<Buffer> {
  secret ??= (async () => {
    const folder = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'whitepaper');
    const path = join(folder, 'cache-key');
    try {
      const kept = await readFile(path);
      if (kept.length === 32) return kept;
    } catch {
      // None yet.
    }
    const made = randomBytes(32);
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await writeFile(path, made, { mode: 0o600, flag: 'wx' });
      return made;
    } catch {
      // Another process made it meanwhile: use theirs; or nowhere to keep it: this process's.
      return readFile(path)
        .then((kept) => (kept.length === 32 ? kept : made))
        .catch(() => made);
    }
  })();
  return secret;
}

/** The signature of a cache file's body. */
async function sign(version: string, body: string): Promise<string> {
  return createHmac('sha256', await cacheKey())
    .update(version)
    .update('\n')
    .update(body)
    .digest('hex');
}

/**
 * A cache of transformed files. Only results without messages are kept (a file with problems
 * is transformed again, so its messages are reported again), and an entry whose images have
 * changed or gone is not used. Entries unused in a run are dropped at its end.
 */
export class TransformCache {
  readonly #entries = new Map<string, Entry>();
  #run = 0;
  /** File the cache is kept in between processes, if any. */
  readonly #path: string | undefined;
  /** Entries were added or dropped since the cache was read. */
  #changed = false;
  /** Whole-book results of the last run (an edition's citations), by name. */
  readonly #results = new Map<string, Result>();
  /** Front matter by path, reused while the file's text is the same. */
  readonly frontMatters = new Map<string, FrontMatterMemo>();

  constructor(path?: string) {
    this.#path = path;
  }

  /**
   * A cache kept in a file between builds. A missing, unreadable or outdated file gives an empty
   * cache; the file is written by `save`.
   *
   * @param path The cache file.
   * @returns The cache.
   */
  static async open(path: string): Promise<TransformCache> {
    const cache = new TransformCache(path);
    let text: string;
    try {
      if ((await stat(path)).size > maxCacheSize) {
        cache.problem = `larger than ${maxCacheSize / 1024 / 1024} MB`;
        return cache;
      }
      text = await readFile(path, 'utf8');
    } catch {
      // No cache yet, or one that cannot be read: transform everything.
      return cache;
    }
    // `whitepaper-cache <code version> <signature>`, then the entries as JSON.
    const [head = '', body = ''] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
    const [magic, stored, signature = ''] = head.split(' ');
    // Written by other code (or an older layout): not read, and nothing to say.
    if (magic !== 'whitepaper-cache' || stored !== version()) return cache;
    const expected = Buffer.from(await sign(stored, body), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      cache.problem = 'not signed by a build of this user: changed by hand, or copied from elsewhere';
      return cache;
    }
    try {
      const { entries, results } = JSON.parse(body) as Stored;
      for (const [key, entry] of entries) cache.#entries.set(key, { ...entry, run: 0 });
      for (const [name, result] of results) cache.#results.set(name, result);
    } catch {
      cache.problem = 'not readable';
    }
    return cache;
  }

  /** Why the cache file was not used although it was there (a warning for the build), if so. */
  problem: string | undefined;

  /** Write the cache to its file, if it has one and changed. */
  async save(): Promise<void> {
    if (!this.#path || !this.#changed) return;
    const stored: Stored = {
      entries: [...this.#entries].map(([key, { run: _run, ...entry }]) => [key, entry]),
      results: [...this.#results],
    };
    const body = JSON.stringify(stored);
    await mkdir(dirname(this.#path), { recursive: true });
    // Written aside and renamed, so that an interrupted build leaves the old file whole.
    const temporary = `${this.#path}.${process.pid}`;
    await writeFile(temporary, `whitepaper-cache ${version()} ${await sign(version(), body)}\n${body}`);
    await rename(temporary, this.#path);
    this.#changed = false;
  }

  /**
   * A whole-book result of an earlier run.
   *
   * @param name What it is, such as `citations:en`.
   * @param key A hash of everything it depends on.
   * @returns The result (plain data), when it was kept under that key.
   */
  result(name: string, key: string): unknown {
    const result = this.#results.get(name);
    return result?.key === key ? result.value : undefined;
  }

  /** Whether a result of that name is kept, under any key. */
  hasResult(name: string): boolean {
    return this.#results.has(name);
  }

  /**
   * Keep a whole-book result for later runs.
   *
   * @param name What it is.
   * @param key A hash of everything it depends on.
   * @param value Plain data (it is written as JSON).
   */
  keep(name: string, key: string, value: unknown): void {
    this.#results.set(name, { key, value });
    this.#changed = true;
  }

  /** Start a run. */
  begin(): void {
    this.#run++;
  }

  /** End a run: forget entries it did not use. */
  end(): void {
    for (const [key, entry] of this.#entries) {
      if (entry.run === this.#run) continue;
      this.#entries.delete(key);
      this.#changed = true;
    }
  }

  /**
   * Transform a file, or take its body from the cache.
   *
   * @param run Transforms a file that is not in the cache.
   * @param file File with `data.kind`, `data.trusted` and `data.idPrefix` set.
   * @param salt Whatever else changes the result (the processor's options).
   * @returns The body as hast.
   */
  async transform(run: (file: VFile) => Promise<HastRoot>, file: VFile, salt: string): Promise<HastRoot> {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          salt,
          file.path,
          file.data.kind,
          file.data.trusted,
          file.data.idPrefix,
          file.data.previous,
          file.data.language,
        ]),
      )
      .update(String(file.value))
      .digest('hex');
    const entry = this.#entries.get(key);
    const assets = entry?.data.assets ?? [];
    if (
      entry &&
      assets.every((asset, index) => unchanged(asset, entry.stamps[index])) &&
      (entry.data.inputs ?? []).every((path, index) => stampOf(path) === entry.stamps[assets.length + index])
    ) {
      entry.run = this.#run;
      Object.assign(file.data, entry.data);
      return entry.content;
    }
    const before = file.messages.length;
    const content = await run(file);
    if (file.messages.length === before) {
      const data: Entry['data'] = {};
      for (const name of [
        'sections',
        'assets',
        'stats',
        'changes',
        'removedBlocks',
        'anchors',
        'refs',
        'citations',
        'links',
        'ids',
        'headings',
        'inputs',
      ] as const) {
        if (file.data[name] !== undefined) Object.assign(data, { [name]: file.data[name] });
      }
      const stamps = [...(file.data.assets ?? []).map(({ source }) => source), ...(file.data.inputs ?? [])].map(
        (path) => stampOf(path) ?? '',
      );
      this.#entries.set(key, { content, data, stamps, run: this.#run });
      this.#changed = true;
    }
    return content;
  }
}
