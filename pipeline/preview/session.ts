/**
 * Content root → the site in memory, rebuilt on demand with only changed bodies transformed.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { check } from '../check.js';
import { defaultTemplates } from '../render/templates.js';
import { publishedAsset } from '../render/output/staging.js';
import type { SiteMemo } from '../render/site/site.js';
import type { ServedFile } from '../render/outputs/output.js';
import { site } from '../render/outputs/site.js';
import { loadTemplates } from '../render/templates.js';
import { toJson, type JsonMessage } from '../report.js';
import type { VFile } from 'vfile';
import { TransformCache } from '../transform/cache.js';
import { AnnotationProblem, toAnnotation, type Annotation } from '../review/annotation.js';
import { anchored, commentsBySource, mergeComment, readKept, writeReview } from '../review/index.js';

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
  /** The token a page's script sends with a comment (`null`: pages take no comments). */
  readonly token: string | null;
  /** Chapter and case texts of the last rebuild, by source path: the only files comments are about. */
  #sources: ReadonlyMap<string, VFile> = new Map();
  /** Comments are written one at a time. */
  #writing: Promise<unknown> = Promise.resolve();

  /**
   * @param root Content root.
   * @param since Mark what changed since this git revision.
   * @param options `review`: pages take reviewers' comments, sent with this session's token.
   */
  constructor(root: string, since?: string, options: { review?: boolean } = {}) {
    this.root = root;
    this.#since = since;
    this.token = options.review ? randomBytes(24).toString('hex') : null;
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
    this.#sources = result.review.sources;
    const changed: string[] = [];
    const review = this.token ? { kind: 'preview' as const, token: this.token } : null;
    if (result.book) {
      const templates = await loadTemplates([defaultTemplates, join(this.root, 'templates')]);
      // The site output's own files, as a build writes them, kept in memory.
      const next = site.serve(
        result.editions,
        {
          templates,
          marks: {
            draft: null,
            since: this.#since ?? null,
            comments: commentsBySource(result.review.comments),
            review,
          },
        },
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

  /**
   * Keep a comment a page sent: checked as untrusted input, about a chapter or case of the book
   * (looked up, never a path of the request), found in its current text, merged with the
   * comments kept for it and written to `review/`; the watcher's rebuild then shows it on every
   * open page.
   *
   * @param value The comment's JSON.
   * @returns The comment as kept.
   * @throws AnnotationProblem naming what is wrong.
   */
  async comment(value: unknown): Promise<Annotation> {
    const incoming = toAnnotation(value);
    const source = this.#sources.get(incoming.target.source);
    if (!source) throw new AnnotationProblem('expected `target.source` to be a chapter or case of the book');
    anchored(incoming, String(source.value));
    const write = this.#writing.then(async () => {
      const comments = await readKept(this.root, incoming.target.source);
      const { kept } = mergeComment(comments, incoming);
      await writeReview(this.root, incoming.target.source, comments);
      return kept;
    });
    this.#writing = write.catch(() => undefined);
    return write;
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
