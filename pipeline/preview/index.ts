/**
 * Content root → a live preview: watch the files, rebuild what changed, reload the open pages.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../build.js';
import { PreviewSession, type Update } from './session.js';
import { startServer } from './server.js';
import { watchTree } from './watch.js';

/** Options of `preview()`. */
export interface PreviewOptions {
  /** Content root. Default: the current folder. */
  root?: string;
  /** Address to bind. Default: 127.0.0.1 (loopback only). */
  host?: string;
  /** Port. Default 4000; 0 picks a free one. */
  port?: number;
  /** Serve `/book.pdf`, printed on demand. */
  pdf?: boolean;
  /** Mark what changed since this git revision. */
  since?: string;
  /** Let the pages take reviewers' comments, written to `review/` (default `true`). */
  review?: boolean;
  /** Told after every rebuild. */
  onUpdate?: (update: Update) => void;
  /** Told when a rebuild failed (a template that does not compile); the next change tries again. */
  onError?: (error: Error) => void;
}

/** A running preview. */
export interface Preview {
  url: string;
  /** The first build's result. */
  initial: Update;
  /** Stop watching and serving; no process is left behind. */
  close(): Promise<void>;
}

/** Paths under the root whose changes never affect the site. */
const ignored = /^(?:output|node_modules|\.git)(?:[\\/]|$)|(?:^|[\\/])\.|~$|\.sw[px]$/;

/**
 * Build the site in memory, serve it, and rebuild on every change under the root. Rebuilds run
 * one at a time; changes that arrive meanwhile are gathered into the next.
 *
 * @param options Root, address, port.
 * @returns The running preview.
 */
export async function preview(options: PreviewOptions = {}): Promise<Preview> {
  const root = resolve(options.root ?? '.');
  const session = new PreviewSession(root, options.since, { review: options.review ?? true });
  const initial = await session.rebuild();
  let pdfFolder: string | undefined;
  let printing: Promise<Buffer> | undefined;
  const pdf = async (): Promise<Buffer> => {
    printing ??= (async () => {
      pdfFolder ??= await mkdtemp(join(tmpdir(), 'whitepaper-preview-'));
      const result = await build({
        root,
        out: pdfFolder,
        ...(options.since ? { since: options.since, draft: true } : {}),
      });
      if (!result.outputs?.pdf) throw new Error('the content has errors; see the overlay');
      return readFile(result.outputs.pdf);
    })().finally(() => {
      printing = undefined;
    });
    return printing;
  };
  const server = await startServer(session, {
    ...(options.host ? { host: options.host } : {}),
    port: options.port ?? 4000,
    ...(options.pdf ? { pdf } : {}),
  });

  let running: Promise<void> | undefined;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    while (pending.size > 0) {
      const touched = [...pending];
      pending = new Set();
      try {
        const update = await session.rebuild(touched);
        server.broadcast(update);
        options.onUpdate?.(update);
      } catch (error) {
        // A failed rebuild must not stop the preview: the pages stay as they were until the
        // next change builds.
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
    }
    running = undefined;
  };
  const watcher = watchTree(
    root,
    (path) => ignored.test(path),
    (path) => {
      pending.add(path);
      clearTimeout(timer);
      // Editors write a file in several steps; wait for the last of them.
      timer = setTimeout(() => {
        running ??= run();
      }, 15);
    },
  );

  return {
    url: server.url,
    initial,
    async close() {
      clearTimeout(timer);
      watcher.close();
      await running;
      await server.close();
      if (pdfFolder) await rm(pdfFolder, { recursive: true, force: true });
    },
  };
}
