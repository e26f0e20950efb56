/**
 * Citation engines in a worker thread: a build asks for them before transforming, so that the
 * second citeproc takes to parse its style and locale overlaps with the transform.
 */
import { Worker } from 'node:worker_threads';
import type { ClusterItem, EngineSpec, Formatted, NotePlace } from './engine.js';
import { workerModule } from '../worker-url.js';

type Reply = { id: number; formatted?: Formatted; error?: string };

/** Engines built in a worker thread, ahead of need. */
export class CiteprocWorker {
  readonly #worker = new Worker(new URL('../worker.js', import.meta.url), {
    workerData: { module: workerModule('./engine-worker', import.meta.url) },
  });
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  #next = 0;

  constructor() {
    this.#worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply);
    });
    this.#worker.on('error', (error) => {
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    });
  }

  /**
   * Start building an engine.
   *
   * @param spec Items, style and language.
   * @returns The engine, usable as soon as the worker has built it.
   */
  engine(spec: EngineSpec): PromisedEngine {
    const id = this.#next++;
    const built = this.#ask({ id, build: spec });
    // Not left unhandled while the transform runs: `format` awaits it.
    built.catch(() => undefined);
    return {
      format: async (order: string[], clusters: ClusterItem[][], notes?: readonly NotePlace[]) => {
        try {
          await built;
          const reply = await this.#ask({ id: this.#next++, engine: id, order, clusters, notes });
          return reply.formatted ?? { clusters: [], references: [], notes: false };
        } catch {
          // A worker that could not start or failed: format here instead (a real problem with
          // the style then throws here, as it would have without the worker).
          return (await import('./engine.js')).createEngine(spec).format(order, clusters, notes);
        }
      },
    };
  }

  /** Stop the worker. */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #ask(message: { id: number; [key: string]: unknown }): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.#pending.set(message.id, { resolve, reject });
      this.#worker.postMessage(message);
    });
  }
}

/** An engine whose answers arrive asynchronously. */
export interface PromisedEngine {
  format(order: string[], clusters: ClusterItem[][], notes?: readonly NotePlace[]): Promise<Formatted>;
}
