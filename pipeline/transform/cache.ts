/**
 * Transformed bodies kept by content hash, so that a rebuild transforms only what changed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import type { FrontMatterMemo } from '../load/sources.js';
import type { Asset } from '../types.js';
import { transformFile, type Processor } from './processor.js';

interface Entry {
  content: HastRoot;
  data: Pick<VFile['data'], 'sections' | 'assets' | 'stats' | 'changes' | 'removedBlocks' | 'anchors' | 'refs' | 'citations'>;
  assets: Asset[];
  /** Run in which the entry was last used. */
  run: number;
}

/**
 * A cache of transformed files. Only results without messages are kept (a file with problems
 * is transformed again, so its messages are reported again), and an entry whose images have
 * gone is not used. Entries unused in a run are dropped at its end.
 */
export class TransformCache {
  readonly #entries = new Map<string, Entry>();
  #run = 0;
  /** Hits and misses of the last run, for the preview's log and the benchmark. */
  stats = { hits: 0, misses: 0 };
  /** Whole-book results of the last run, by a key of everything they depend on (citations). */
  readonly memo = new Map<string, unknown>();
  /** Front matter by path, reused while the file's text is the same. */
  readonly frontMatters = new Map<string, FrontMatterMemo>();

  /** Start a run: count afresh. */
  begin(): void {
    this.#run++;
    this.stats = { hits: 0, misses: 0 };
  }

  /** End a run: forget entries it did not use. */
  end(): void {
    for (const [key, entry] of this.#entries) if (entry.run !== this.#run) this.#entries.delete(key);
  }

  /**
   * Transform a file, or take its body from the cache.
   *
   * @param processor Processor from `createProcessor`.
   * @param file File with `data.kind`, `data.trusted` and `data.idPrefix` set.
   * @param salt Whatever else changes the result (the processor's options).
   * @returns The body as hast.
   */
  async transform(processor: Processor, file: VFile, salt: string): Promise<HastRoot> {
    const key = createHash('sha256')
      .update(JSON.stringify([salt, file.path, file.data.kind, file.data.trusted, file.data.idPrefix, file.data.previous, file.data.language]))
      .update(String(file.value))
      .digest('hex');
    const entry = this.#entries.get(key);
    if (entry && entry.assets.every((asset) => existsSync(asset.source))) {
      entry.run = this.#run;
      this.stats.hits++;
      Object.assign(file.data, entry.data);
      return entry.content;
    }
    this.stats.misses++;
    const before = file.messages.length;
    const content = await transformFile(processor, file);
    if (file.messages.length === before) {
      const data: Entry['data'] = {};
      for (const name of ['sections', 'assets', 'stats', 'changes', 'removedBlocks', 'anchors', 'refs', 'citations'] as const) {
        if (file.data[name] !== undefined) Object.assign(data, { [name]: file.data[name] });
      }
      this.#entries.set(key, { content, data, assets: file.data.assets ?? [], run: this.#run });
    }
    return content;
  }
}
