/**
 * Files → transformed bodies, in worker threads with a time budget and a memory ceiling per
 * file, so that no file can stall a build or the preview.
 */
import { Worker } from 'node:worker_threads';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import { error, type Place } from '../model/message.js';
import { FileClock, type LoadingMessage } from '../shared/loading.js';
import type { Options as ProcessorOptions } from './processor.js';
import { workerModule } from '../worker-url.js';

/** What the worker needs of a file. */
export interface SentFile {
  cwd: string;
  path: string;
  value: string;
  data: Pick<VFile['data'], 'idPrefix' | 'kind' | 'trusted' | 'language' | 'previous'>;
}

/** A message as it crosses the thread boundary. */
interface SentMessage {
  reason: string;
  place: Place | null;
  ruleId: string | null;
  source: string | null;
  fatal: boolean | null;
}

/** What the worker sends back. */
export interface TransformedFile {
  tree: HastRoot;
  data: Partial<VFile['data']>;
  messages: SentMessage[];
}

/** How a file is transformed: the processor's options and the time it may take. */
export interface TransformSettings {
  processor: ProcessorOptions;
  /** Seconds one file may take (`limits.fileTime`). */
  fileTime: number;
}

/** Options of a pool. */
export interface PoolOptions {
  /** Largest heap of a worker, in MiB: a file that needs more is an error. Default 2048. */
  memory?: number;
  /** Workers: default 1. */
  size?: number;
}

interface Task {
  file: VFile;
  settings: TransformSettings;
  /** Identifies the processor options, so that a worker builds each processor once. */
  key: string;
  resolve: (tree: HastRoot) => void;
  reject: (error: Error) => void;
}

/** A worker and the task it works on. */
interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: Task | undefined;
  /** The time budget of the file it transforms. */
  clock: FileClock | undefined;
  /** Processors the worker has built, by key. */
  known: Set<string>;
}

const empty = (): HastRoot => ({ type: 'root', children: [] });

/**
 * Transform files in worker threads. A file that takes longer than `fileTime` seconds, or more
 * memory than the ceiling, stops its worker: it gets a located error (`markdown-time`,
 * `markdown-memory`) and an empty body, and a new worker takes the next file.
 */
export class TransformPool {
  readonly #options: PoolOptions;
  readonly #queue: Task[] = [];
  readonly #slots: Slot[] = [];
  #closed = false;

  constructor(options: PoolOptions = {}) {
    this.#options = options;
  }

  /**
   * Transform a file: its body, what the plugins recorded on `file.data`, and its messages.
   *
   * @param file File with `data.idPrefix`, `kind`, `trusted`, `language` (and `previous`) set.
   * @param settings The processor's options and the time the file may take.
   * @returns The body; empty when the file failed (the reason is a message on it).
   */
  transform(file: VFile, settings: TransformSettings): Promise<HastRoot> {
    if (this.#closed) return Promise.reject(new Error('The transform pool is closed'));
    const key = keyOf(settings);
    return new Promise((resolve, reject) => {
      this.#queue.push({ file, settings, key, resolve, reject });
      this.#dispatch();
    });
  }

  /** Start the workers now, so that they load while the caller reads and validates files. */
  warm(): void {
    if (this.#closed) return;
    while (this.#slots.length < (this.#options.size ?? 1)) {
      const slot = this.#spawn();
      slot.worker.unref();
      this.#slots.push(slot);
    }
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.splice(0).map((slot) => this.#stop(slot)));
  }

  #dispatch(): void {
    while (this.#slots.length < (this.#options.size ?? 1) && this.#queue.length > 0) this.#slots.push(this.#spawn());
    for (const slot of this.#slots) {
      if (slot.task || this.#queue.length === 0) continue;
      const task = this.#queue.shift() as Task;
      slot.task = task;
      // A busy worker keeps the process alive; an idle one does not.
      slot.worker.ref();
      void slot.ready.then(() => {
        if (slot.task !== task) return;
        if (!slot.known.has(task.key)) {
          const { citationKeys, coverage, ...rest } = task.settings.processor;
          slot.worker.postMessage({
            key: task.key,
            options: { ...rest, citationKeys: [...(citationKeys ?? [])], coverage: coverage?.ranges ?? null },
          });
          slot.known.add(task.key);
        }
        const { file } = task;
        const sent: SentFile = {
          cwd: file.cwd,
          path: file.path,
          value: String(file.value),
          data: {
            idPrefix: file.data.idPrefix ?? '',
            kind: file.data.kind ?? 'chapter',
            trusted: file.data.trusted ?? false,
            language: file.data.language ?? 'en',
            ...(file.data.previous !== undefined ? { previous: file.data.previous } : {}),
          },
        };
        slot.clock = new FileClock(task.settings.fileTime * 1000, () => this.#fail(slot, 'time'));
        slot.clock.run();
        slot.worker.postMessage({ key: task.key, file: sent });
      });
    }
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('../worker.js', import.meta.url), {
      workerData: { module: workerModule('./transform-worker', import.meta.url) },
      // A larger young generation: the transform allocates many short-lived nodes (measured: -0.15 s of 3.4 s on the large corpus).
      resourceLimits: { maxOldGenerationSizeMb: this.#options.memory ?? 2048, maxYoungGenerationSizeMb: 64 },
    });
    let ready = () => {};
    const slot: Slot = {
      worker,
      ready: new Promise<void>((resolve) => (ready = resolve)),
      task: undefined,
      clock: undefined,
      known: new Set(),
    };
    worker.on('message', (message: { ready?: true; failure?: string } & Partial<LoadingMessage & TransformedFile>) => {
      if (message.ready) return ready();
      // A library loading is the build's time, not the file's.
      if (message.loading !== undefined) return message.loading ? slot.clock?.stop() : slot.clock?.run();
      const task = slot.task;
      slot.clock?.stop();
      slot.clock = undefined;
      slot.task = undefined;
      slot.worker.unref();
      if (task) {
        if (message.failure !== undefined)
          task.reject(new Error(`Transforming ${task.file.path} failed: ${message.failure}`));
        else task.resolve(apply(task.file, message as TransformedFile));
      }
      this.#dispatch();
    });
    worker.on('error', (cause: Error & { code?: string }) =>
      this.#fail(slot, cause.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : cause),
    );
    return slot;
  }

  /** A worker overran or died: its file gets an error, a new worker takes the rest. */
  #fail(slot: Slot, why: 'time' | 'memory' | Error): void {
    const task = slot.task;
    slot.task = undefined;
    slot.clock?.stop();
    const index = this.#slots.indexOf(slot);
    if (index !== -1) this.#slots.splice(index, 1);
    void this.#stop(slot);
    if (task) {
      if (why === 'time') {
        error(
          task.file,
          `Unexpected file that takes more than ${task.settings.fileTime} s to transform, expected Markdown that a parser reads in linear time (\`limits.fileTime\`)`,
          { line: 1, column: 1 },
          'markdown-time',
        );
        task.resolve(empty());
      } else if (why === 'memory') {
        error(
          task.file,
          `Unexpected file that needs more than ${this.#options.memory ?? 2048} MiB to transform, expected a smaller or simpler file`,
          { line: 1, column: 1 },
          'markdown-memory',
        );
        task.resolve(empty());
      } else {
        task.reject(why);
      }
    }
    if (!this.#closed) this.#dispatch();
  }

  async #stop(slot: Slot): Promise<void> {
    slot.clock?.stop();
    slot.worker.removeAllListeners('message');
    await slot.worker.terminate();
  }
}

/** Keys of the settings objects seen: one per build, sorted and serialised once, not per file. */
const keys = new WeakMap<TransformSettings, string>();

function keyOf(settings: TransformSettings): string {
  let key = keys.get(settings);
  if (key === undefined) {
    const { citationKeys, coverage, ...rest } = settings.processor;
    key = JSON.stringify([rest, coverage?.signature ?? null, [...(citationKeys ?? [])].sort()]);
    keys.set(settings, key);
  }
  return key;
}

let shared: TransformPool | undefined;

/**
 * The process's pool: its worker stays between builds (the preview's rebuilds, a test run's
 * builds), so that it starts once; idle, it does not keep the process alive.
 *
 * @returns The pool.
 */
export function sharedPool(): TransformPool {
  shared ??= new TransformPool();
  return shared;
}

/**
 * Stop the process's pool: a build that has transformed everything gives its worker's memory
 * back before it prints. The next `sharedPool()` starts a new one.
 */
export async function releaseSharedPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

/** Put what the worker sent onto the file, and return the body. */
function apply(file: VFile, result: TransformedFile): HastRoot {
  Object.assign(file.data, result.data);
  for (const sent of result.messages) {
    const message = file.message(sent.reason, {
      ...(sent.place ? { place: sent.place } : {}),
      ...(sent.ruleId ? { ruleId: sent.ruleId } : {}),
      ...(sent.source ? { source: sent.source } : {}),
    });
    if (sent.fatal !== null) message.fatal = sent.fatal;
  }
  return result.tree;
}
