/**
 * The output folder before a build writes: can it be written, and is another build writing to it.
 */
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../../model/errors.js';
import { isAlive } from './pid.js';

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
export async function makeFolders(path: string): Promise<void> {
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
 * @param out Output folder (or file).
 * @param cause The file system's error.
 * @param lead What could not be done, before the path.
 * @returns The error to throw.
 */
export function outputError(out: string, cause: unknown, lead = 'Cannot write the output to'): OutputError {
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a file stands where a folder should be',
    EEXIST: 'a file stands where a folder should be',
    ENAMETOOLONG: 'a name in the path is too long',
    ENOENT: 'a folder on the way cannot be made',
  };
  return new OutputError(`${lead} \`${out}\`: ${why[code] ?? (cause instanceof Error ? cause.message : String(cause))}${code ? ` (${code})` : ''}`, { cause });
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
