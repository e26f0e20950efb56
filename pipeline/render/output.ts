/**
 * Rendered files → disk, through a staging folder that replaces the old output only on success.
 */
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { OutputError } from '../errors.js';
import { isAlive, sweep } from './pid.js';
import { sanitizeSvg } from '../transform/sanitize-svg.js';
import { basename, dirname, join } from 'node:path';
import type { Asset } from '../types.js';

/** A staging folder beside the output folder. */
export interface Staging {
  path: string;
  /**
   * Move the named entries of the staging folder over those of the output folder, then remove
   * the staging folder. Entries not named (a PDF from an earlier full build) stay, unless
   * `replaces` names them.
   *
   * @param names Top-level names such as `site` or `whitepaper.pdf`.
   * @param replaces Names of earlier outputs that the named entries replace (the PDFs of the
   *   editions a book had before) and that go with the old entries.
   */
  commit(names: readonly string[], replaces?: readonly string[]): Promise<void>;
  /** Remove the staging folder; the output folder is untouched. */
  discard(): Promise<void>;
}

/**
 * Create a staging folder next to `out`, on the same file system so that renames are atomic.
 *
 * @param out Output folder.
 * @returns The staging folder.
 */
export async function createStaging(out: string): Promise<Staging> {
  await mkdir(dirname(out), { recursive: true });
  await sweepStaging(out);
  const path = await mkdtemp(join(dirname(out), `.${basename(out)}-staging-${process.pid}-`));
  return {
    path,
    async commit(names, replaces = []) {
      await mkdir(out, { recursive: true });
      const trash = `${path}-old`;
      await mkdir(trash);
      for (const name of replaces.filter((entry) => !names.includes(entry))) {
        await rename(join(out, name), join(trash, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      for (const name of names) {
        await rename(join(out, name), join(trash, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        await rename(join(path, name), join(out, name));
      }
      await Promise.all([rm(trash, { recursive: true, force: true }), rm(path, { recursive: true, force: true })]);
    },
    async discard() {
      await rm(path, { recursive: true, force: true });
    },
  };
}

/** Remove staging folders (and their `-old` trash) that builds left behind when they were killed. */
async function sweepStaging(out: string): Promise<void> {
  await sweep(dirname(out), new RegExp(`^\\.${escapeRegExp(basename(out))}-staging-(\\d+)-`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Check, before any work, that the output folder can be written: it is a folder or does not
 * exist yet, and a folder can be made beside it (where the staging folder goes).
 *
 * @param out Output folder.
 * @throws OutputError with one line saying what is wrong.
 */
export async function preflightOutput(out: string): Promise<void> {
  const stats = await stat(out).catch(() => undefined);
  if (stats && !stats.isDirectory()) throw new OutputError(`The output \`${out}\` is a file, expected a folder (or nothing there yet): choose another --out`);
  try {
    await makeFolders(dirname(out));
    const probe = await mkdtemp(join(dirname(out), `.${basename(out)}-probe-`));
    await rm(probe, { recursive: true, force: true });
    if (stats) await access(out, constants.W_OK);
  } catch (cause) {
    throw outputError(out, cause);
  }
}

/**
 * Make a folder and its missing parents, one at a time. (Node's recursive `mkdir` loops for
 * ever below some special file systems, such as `/proc`.)
 *
 * @param path Folder to make.
 */
async function makeFolders(path: string): Promise<void> {
  const missing: string[] = [];
  for (let current = path; !(await stat(current).catch(() => undefined)); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing) await mkdir(folder);
}

/**
 * An output failure as one line a user can act on.
 *
 * @param out Output folder.
 * @param cause The file system's error.
 * @returns The error to throw.
 */
export function outputError(out: string, cause: unknown): OutputError {
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a file stands where a folder should be',
    EEXIST: 'a file stands where a folder should be',
  };
  return new OutputError(`Cannot write the output to \`${out}\`: ${why[code] ?? (cause instanceof Error ? cause.message : String(cause))}${code ? ` (${code})` : ''}`, { cause });
}

/** Builds writing in this process, by output folder: the next waits for the last. */
const writing = new Map<string, Promise<void>>();

/**
 * Take the output folder for this build: builds in this process take turns; a build of another
 * living process holding it is an error. The lock is a file beside the folder, naming the process.
 *
 * @param out Output folder.
 * @returns Releases the lock.
 */
export async function lockOutput(out: string): Promise<() => Promise<void>> {
  const before = writing.get(out) ?? Promise.resolve();
  let done = () => {};
  const mine = new Promise<void>((resolve) => (done = resolve));
  const chain = before.then(() => mine);
  writing.set(out, chain);
  await before;
  const lock = join(dirname(out), `.${basename(out)}.lock`);
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
      done();
      throw outputError(out, cause);
    }
    const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      done();
      throw new OutputError(`Another build (process ${holder}) is writing to \`${out}\`: wait for it to finish, or choose another --out`);
    }
    // Left by a build that was killed: taken over.
    await writeFile(lock, String(process.pid));
  }
  return async () => {
    await rm(lock, { force: true });
    if (writing.get(out) === chain) writing.delete(out);
    done();
  };
}

/**
 * Write text files below a folder, creating subfolders.
 *
 * @param folder Destination.
 * @param files Relative path → text.
 */
export async function writeFiles(folder: string, files: ReadonlyMap<string, string>): Promise<void> {
  const folders = new Set([...files.keys()].map((path) => dirname(join(folder, path))));
  await Promise.all([...folders].map((path) => mkdir(path, { recursive: true })));
  await Promise.all([...files].map(([path, text]) => writeFile(join(folder, path), text)));
}

/**
 * What the site publishes of an asset: its bytes, or, for an SVG, the sanitised drawing.
 *
 * @param source Path of the file.
 * @returns The bytes to publish.
 */
export async function publishedAsset(source: string): Promise<Buffer> {
  const bytes = await readFile(source);
  return source.toLowerCase().endsWith('.svg') ? Buffer.from(sanitizeSvg(bytes.toString('utf8')).svg) : bytes;
}

/**
 * Copy the book's assets below a folder (SVG drawings sanitised).
 *
 * @param folder Site root.
 * @param assets Files to copy.
 */
export async function copyAssets(folder: string, assets: readonly Asset[]): Promise<void> {
  for (const asset of assets) {
    const target = join(folder, asset.target);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await publishedAsset(asset.source));
  }
}
