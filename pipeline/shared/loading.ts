/**
 * Loading a library the transform needs only for some files (Vega for a chart, parse5 for raw
 * HTML) is the build's cost, not the file's: in a transform worker the pool is told, and stops
 * the file's clock (`limits.fileTime`) while the library loads. On a busy machine Vega alone took
 * seconds, and each file that met it in a fresh worker overran its budget.
 */
import { parentPort } from 'node:worker_threads';

/** What a worker says while it loads a library: the clock of its file stops, then goes on. */
export interface LoadingMessage {
  loading: boolean;
}

/**
 * @param load Imports the library.
 * @returns What `load` returns.
 */
export async function loadLibrary<Library>(load: () => Promise<Library>): Promise<Library> {
  parentPort?.postMessage({ loading: true } satisfies LoadingMessage);
  try {
    return await load();
  } finally {
    parentPort?.postMessage({ loading: false } satisfies LoadingMessage);
  }
}

/**
 * A file's time budget, a clock that can stop: `over` is called once the clock has run for
 * `budget` milliseconds in all.
 */
export class FileClock {
  #left: number;
  #since: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #over: () => void;

  constructor(budget: number, over: () => void) {
    this.#left = budget;
    this.#over = over;
  }

  /** Run the clock (again). */
  run(): void {
    if (this.#since !== undefined) return;
    this.#since = performance.now();
    this.#timer = setTimeout(this.#over, Math.max(0, this.#left));
  }

  /** Stop the clock; `run` goes on from where it stopped. */
  stop(): void {
    if (this.#since === undefined) return;
    clearTimeout(this.#timer);
    this.#left -= performance.now() - this.#since;
    this.#since = undefined;
  }
}
