/**
 * Content root → the site in memory, rebuilt on demand with only changed bodies transformed.
 */
import { join } from 'node:path';
import { check } from '../check.js';
import { defaultTemplates } from '../render/templates.js';
import { publishedAsset } from '../render/output/staging.js';
import type { SiteMemo } from '../render/site/site.js';
import type { ServedFile } from '../render/outputs/output.js';
import { site } from '../render/outputs/site.js';
import { loadTemplates } from '../render/templates.js';
import { toJson, type JsonMessage } from '../report.js';
import { TransformCache } from '../transform/cache.js';

/** What a rebuild changed. */
export interface Update {
  /** Site paths whose content changed, was added or was removed. */
  pages: string[];
  /** Every message of the content as it is now. */
  messages: JsonMessage[];
  /** Milliseconds the rebuild took. */
  milliseconds: number;
}

/**
 * The preview's model of the site. Rebuilding re-reads and re-validates every file (cheap),
 * transforms only bodies whose text changed (the transform cache), renders every page, and
 * reports which pages differ from before, so that only tabs showing those pages reload.
 * While the content has errors, the last good pages stay.
 */
export class PreviewSession {
  readonly root: string;
  readonly #cache = new TransformCache();
  /** Chapter and case pages as last rendered, re-rendered only when their inputs change. */
  readonly #pages: SiteMemo = new Map();
  #files = new Map<string, ServedFile>();
  #messages: JsonMessage[] = [];

  readonly #since: string | undefined;

  /**
   * @param root Content root.
   * @param since Mark what changed since this git revision.
   */
  constructor(root: string, since?: string) {
    this.root = root;
    this.#since = since;
  }

  /** Messages of the last rebuild. */
  get messages(): JsonMessage[] {
    return this.#messages;
  }

  /**
   * Rebuild from the files on disk.
   *
   * @param touched Absolute paths the watcher saw change; an image among them reloads every page.
   * @returns What changed (`*` for every page).
   */
  async rebuild(touched: readonly string[] = []): Promise<Update> {
    const started = performance.now();
    const result = await check({
      root: this.root,
      cache: this.#cache,
      charts: true,
      ...(this.#since ? { since: this.#since } : {}),
    });
    this.#messages = toJson(result.files);
    const changed: string[] = [];
    if (result.book) {
      const templates = await loadTemplates([defaultTemplates, join(this.root, 'templates')]);
      // The site output's own files, as a build writes them, kept in memory.
      const next = site.serve(
        result.editions,
        { templates, marks: { draft: null, since: this.#since ?? null, review: null } },
        this.#pages,
      );
      for (const [path, file] of next) if (!sameFile(this.#files.get(path), file)) changed.push(path);
      for (const path of this.#files.keys()) if (!next.has(path)) changed.push(path);
      // An image edited in place keeps its path and its pages' HTML: reload every page.
      if ([...next.values()].some((file) => 'source' in file && touched.includes(file.source))) changed.push('*');
      this.#files = next;
    }
    return { pages: changed.sort(), messages: this.#messages, milliseconds: performance.now() - started };
  }

  /** Paths of every file of the site, below its root. */
  paths(): string[] {
    return [...this.#files.keys()];
  }

  /**
   * A file of the site.
   *
   * @param path Path below the site root, such as `chapters/energy.html`.
   * @returns Its bytes, or `undefined` when the site has no such file.
   */
  async read(path: string): Promise<Buffer | undefined> {
    const file = this.#files.get(path);
    if (!file) return undefined;
    return 'text' in file ? Buffer.from(file.text) : publishedAsset(file.source);
  }
}

function sameFile(a: ServedFile | undefined, b: ServedFile): boolean {
  if (!a) return false;
  return 'text' in a && 'text' in b ? a.text === b.text : 'source' in a && 'source' in b && a.source === b.source;
}
